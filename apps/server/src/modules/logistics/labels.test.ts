import { existsSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import jsQR from 'jsqr'
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { describe, expect, it } from 'vitest'
import { defaultLabelFonts, renderLabels, type ShippingLabel } from './labels.ts'

const digitalLink = 'https://hotland.example/01/06900000000012/10/L20261128A/21/0001'

function label(overrides: Partial<ShippingLabel> = {}): ShippingLabel {
  return {
    waybill: 'SF1234567890123',
    carrierName: '顺丰速运',
    orderNo: 'ord_01JDXK3M7Q9T2V4W6Y8Z0A1B2C',
    sender: { name: '王秀英', phone: '13912345678', address: '陕西省 延安市 洛川县 凤栖街道 谷咀村 3 组' },
    receiver: {
      name: '李明',
      phone: '13800138000',
      address: '广东省 深圳市 南山区 粤海街道 科技南十二路 18 号 长虹科技大厦 23 楼',
    },
    contents: '红富士苹果 5斤装 × 2',
    parcelIndex: 1,
    parcelCount: 2,
    box: { serial: '0001', digitalLink },
    printedAt: new Date('2026-11-28T06:05:00Z'),
    ...overrides,
  }
}

const batch = [
  label(),
  label({
    waybill: 'HL20261128000017',
    carrierName: '县级物流（人工扫描）',
    parcelIndex: 2,
    box: null,
  }),
]

async function open(pdf: Buffer): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise
}

/** The page's text with all whitespace removed: PDF text runs split and space words their own way. */
async function pageText(doc: PDFDocumentProxy, pageNo: number): Promise<string> {
  const content = await (await doc.getPage(pageNo)).getTextContent()
  return content.items.map((item) => ('str' in item ? item.str : '')).join('').replace(/\s+/g, '')
}

const compact = (s: string) => s.replace(/\s+/g, '')

async function operators(doc: PDFDocumentProxy, pageNo: number) {
  const page = await doc.getPage(pageNo)
  const list = await page.getOperatorList()
  return { page, list, count: (op: number) => list.fnArray.filter((fn) => fn === op).length }
}

describe('shipping labels', () => {
  it('prints a two-label batch as two A6 pages whose text reads back', async () => {
    const doc = await open(await renderLabels(batch))

    expect(doc.numPages).toBe(2)
    for (const pageNo of [1, 2]) {
      const [, , width, height] = (await doc.getPage(pageNo)).view
      expect(width).toBeCloseTo(297.6, 0)
      expect(height).toBeCloseTo(419.5, 0)
    }

    const first = await pageText(doc, 1)
    for (const expected of [
      '顺丰速运',
      '第1/2件',
      'SF1234567890123',
      '李明',
      '13800138000',
      compact(batch[0]!.receiver.address),
      '王秀英',
      '13912345678',
      compact(batch[0]!.sender.address),
      compact('红富士苹果 5斤装 × 2'),
      compact('扫码查看溯源 · Scan to trace'),
      '0001',
      'ord_01JDXK3M7Q9T2V4W6Y8Z0A1B2C',
      '2026-11-2814:05', // printed in China time (06:05 UTC)
    ]) {
      expect(first).toContain(expected)
    }

    const second = await pageText(doc, 2)
    expect(second).toContain('县级物流（人工扫描）')
    expect(second).toContain('第2/2件')
    expect(second).toContain('HL20261128000017')
    expect(second).toContain('李明')
  })

  it('draws the waybill barcode as vector bars and the box QR as one image', async () => {
    const doc = await open(await renderLabels([label()]))
    const { list, count } = await operators(doc, 1)

    // pdf.js 5 gives each path as [paint op, [path data], bounding box]; a rectangle is moveTo + 3 lineTo +
    // closePath = 13 numbers. The bars are one filled path of many rectangles across most of the width.
    type PathArgs = [number, [Float32Array], Float32Array]
    const bars = list.fnArray
      .flatMap((fn, i) => (fn === OPS.constructPath ? [list.argsArray[i] as PathArgs] : []))
      .filter(([paint]) => paint === OPS.fill)
      .map(([, [path], box]) => ({ rectangles: path.length / 13, width: box[2]! - box[0]! }))
      .find(({ rectangles }) => rectangles >= 30)
    expect(bars).toBeDefined()
    expect(bars!.width).toBeGreaterThan(297.6 / 2)
    expect(count(OPS.paintImageXObject)).toBe(1)
  })

  it('embeds a QR image that decodes to the box Digital Link', async () => {
    const doc = await open(await renderLabels([label()]))
    const { page, list } = await operators(doc, 1)
    const at = list.fnArray.indexOf(OPS.paintImageXObject)
    const objId = list.argsArray[at]![0] as string
    const image = await new Promise<{ width: number; height: number; data: Uint8ClampedArray; kind: number }>(
      (resolve) => page.objs.get(objId, resolve),
    )

    const rgba = toRgba(image)
    const code = jsQR(rgba, image.width, image.height)
    expect(code?.data).toBe(digitalLink)
  })

  it('leaves the QR out when the parcel has no traced box and still prints the label', async () => {
    const doc = await open(await renderLabels([label({ box: null })]))
    const { count } = await operators(doc, 1)
    const text = await pageText(doc, 1)

    expect(count(OPS.paintImageXObject)).toBe(0)
    expect(text).not.toContain('扫码查看溯源')
    expect(text).toContain('SF1234567890123')
    expect(text).toContain('13800138000')
  })

  it('prints characters the bundled font lacks as the missing glyph instead of failing', async () => {
    const pdf = await renderLabels([
      label({ receiver: { name: '欧阳𠮷镕🍎', phone: '13800138000', address: '云南省 怒江傈僳族自治州 贡山独龙族怒族自治县 丙中洛镇 ☃' } }),
    ])
    const doc = await open(pdf)
    const text = await pageText(doc, 1)

    expect(doc.numPages).toBe(1)
    expect(text).toContain('欧阳')
    expect(text).toContain('13800138000')
    expect(text).toContain('贡山独龙族怒族自治县')
  })

  it('cuts an overlong name and address short but keeps the phone in full and everything on one page', async () => {
    const name = '张三丰（杭州东部软件园创新大厦前台代收，工作日九点到六点）'
    const address = '浙江省 杭州市 西湖区 ' + '文三路 90 号东部软件园创新大厦 '.repeat(30)
    const doc = await open(await renderLabels([label({ receiver: { name, phone: '13700000000', address } })]))
    const text = await pageText(doc, 1)

    expect(doc.numPages).toBe(1)
    expect(text).toContain('张三丰')
    expect(text).not.toContain(name)
    expect(text).toContain('13700000000')
    expect(text).toContain('浙江省杭州市西湖区')
    expect(text).toContain('王秀英') // the sender block below is still there
  })

  it('rejects a waybill that Code 128 cannot carry', async () => {
    await expect(renderLabels([label({ waybill: '顺丰123' })])).rejects.toThrow(/printable ASCII/)
  })

  it('finds the bundled font by absolute path, whatever the working directory', () => {
    const { regular } = defaultLabelFonts()

    expect(isAbsolute(regular)).toBe(true)
    expect(regular).toMatch(/NotoSansSC-Regular-GB2312\.ttf$/)
    expect(existsSync(regular)).toBe(true)
  })
})

/** pdf.js hands images back as 1-bit grey, RGB or RGBA rows (ImageKind 1, 2, 3); jsQR wants RGBA. */
function toRgba(image: { width: number; height: number; data: Uint8ClampedArray; kind: number }): Uint8ClampedArray {
  const pixels = image.width * image.height
  if (image.kind === 3) return image.data
  const out = new Uint8ClampedArray(pixels * 4)
  for (let i = 0; i < pixels; i++) {
    let value: [number, number, number]
    if (image.kind === 2) {
      value = [image.data[i * 3]!, image.data[i * 3 + 1]!, image.data[i * 3 + 2]!]
    } else {
      const rowBytes = Math.ceil(image.width / 8)
      const x = i % image.width
      const y = Math.floor(i / image.width)
      const bit = (image.data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1
      value = bit ? [255, 255, 255] : [0, 0, 0]
    }
    out.set([...value, 255], i * 4)
  }
  return out
}
