// Builds the CJK font bundled for shipping labels (assets/fonts/NotoSansSC-Regular-GB2312.ttf).
//
// Why a subset: a fresh machine has no CJK system fonts, and the full Noto Sans SC (10.5 MB, ~31,000
// glyphs) is too heavy to commit. Every GB2312 character (all 6,763 hanzi plus its symbols), ASCII,
// Latin-1, CJK punctuation, fullwidth forms and every character of China's province/city/county
// names (from @vant/area-data, so any address prefix prints) cover what a courier label needs.
// Anything else prints as the empty-box glyph; it never breaks rendering.
//
// Regenerate (from apps/server):
//   cd /tmp && npm pack @expo-google-fonts/noto-sans-sc@0.4.3 && tar xzf expo-google-fonts-noto-sans-sc-0.4.3.tgz
//   node --import tsx scripts/subset-font.ts /tmp/package/400Regular/NotoSansSC_400Regular.ttf
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { areaList } from '@vant/area-data'
// subset-font (hb-subset compiled to WebAssembly) keeps cmap/GSUB/metrics, unlike fontkit's PDF-only subsetter.
// @ts-expect-error subset-font ships no type declarations
import subsetFont from 'subset-font'

const source = process.argv[2]
if (!source) {
  console.error('usage: node --import tsx scripts/subset-font.ts <NotoSansSC_400Regular.ttf>')
  process.exit(1)
}
const target = fileURLToPath(new URL('../assets/fonts/NotoSansSC-Regular-GB2312.ttf', import.meta.url))

/** The characters GB2312 encodes in rows firstRow..lastRow (0xA1–0xA9 symbols, kana, Greek, Cyrillic; 0xB0–0xF7 hanzi). */
function gb2312Characters(firstRow: number, lastRow: number): string[] {
  const decoder = new TextDecoder('gb18030')
  const out: string[] = []
  for (let hi = firstRow; hi <= lastRow; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]))
      // Unassigned GB2312 cells decode to GB18030 extensions (private use area) or U+FFFD; skip those.
      const cp = ch.codePointAt(0) ?? 0
      if (ch.length === 1 && cp !== 0xfffd && !(cp >= 0xe000 && cp <= 0xf8ff)) out.push(ch)
    }
  }
  return out
}

function range(from: number, to: number): string[] {
  const out: string[] = []
  for (let cp = from; cp <= to; cp++) out.push(String.fromCodePoint(cp))
  return out
}

const hanzi = gb2312Characters(0xb0, 0xf7)
const gb2312 = [...gb2312Characters(0xa1, 0xa9), ...hanzi]
const placeNames = [areaList.province_list, areaList.city_list, areaList.county_list].flatMap((list) =>
  Object.values(list).flatMap((name) => [...name]),
)
const wanted = new Set([
  ...range(0x20, 0x7e), // ASCII
  ...range(0xa0, 0xff), // Latin-1: · × ¥ °
  ...range(0x2010, 0x2027), // dashes, quotes, …
  ...range(0x2030, 0x203b), // ‰ ′ ″ ※
  ...['№', '℃', '→', '←', '↑', '↓', '√', '★', '☆', '○', '●', '□', '■', '△', '▲'],
  ...range(0x3000, 0x303f), // CJK symbols and punctuation
  ...range(0xff00, 0xffef), // fullwidth and halfwidth forms
  ...gb2312,
  ...placeNames,
])
const text = [...wanted].join('')

const input = readFileSync(source)
const output: Buffer = await subsetFont(input, text, { targetFormat: 'truetype' })
writeFileSync(target, output)

const extraPlaceChars = [...new Set(placeNames)].filter((ch) => !gb2312.includes(ch))
console.log(
  `${target}: ${(output.length / 1024 / 1024).toFixed(2)} MB, ${wanted.size} characters requested ` +
    `(${gb2312.length} GB2312 of which ${hanzi.length} hanzi, ${extraPlaceChars.length} extra from place names)`,
)
