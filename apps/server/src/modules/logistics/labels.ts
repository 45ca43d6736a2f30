// Shipping-label PDFs: one A6 page per parcel, a day's batch is just many labels in one file.
// Pure: data in, PDF bytes out (no database, no HTTP), so routes and tests call it the same way.
//
// The layout follows Chinese courier labels printed on 100×150 / A6 thermal paper: carrier at the top,
// the waybill barcode, a big receiver block (收), a smaller sender block (寄), contents, and at the bottom
// the box's GS1 Digital Link QR so the buyer can scan the parcel and see where it came from.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import bwipjs from 'bwip-js/node'
import PDFDocument from 'pdfkit'

export interface LabelParty {
  name: string
  phone: string
  /** Already formatted: 省 市 县 详细地址 */
  address: string
}

export interface LabelBox {
  serial: string
  /** e.g. https://hotland.example/01/06900000000012/10/L20261128A/21/0001 */
  digitalLink: string
}

export interface ShippingLabel {
  /** Printed big and as a Code 128 barcode. */
  waybill: string
  /** e.g. 县级物流（人工扫描） or 顺丰速运 */
  carrierName: string
  /** Order id, printed small. */
  orderNo: string
  sender: LabelParty
  receiver: LabelParty
  /** e.g. 红富士苹果 5斤装 × 2 */
  contents: string
  /** 1-based; printed as 第 i/n 件 */
  parcelIndex: number
  parcelCount: number
  /** The box's Digital Link QR; null when the parcel has no traced box. */
  box: LabelBox | null
  printedAt: Date
}

export interface LabelFonts {
  /**
   * Path to a TTF/OTF with CJK glyphs. A font collection (.ttc) takes the face's PostScript name after
   * a '#', e.g. /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular.
   */
  regular: string
}

const bundledFont = fileURLToPath(new URL('../../../assets/fonts/NotoSansSC-Regular-GB2312.ttf', import.meta.url))

// Where Debian/Ubuntu (fonts-noto-cjk), Fedora and Arch put Noto CJK, in case the bundled file was removed.
const systemFonts = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular',
  '/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf',
  '/usr/share/fonts/opentype/noto/NotoSansSC-Regular.otf',
]

/**
 * The bundled Noto Sans SC subset (found next to this file's package, whatever the working directory),
 * or a system Noto CJK font if the bundled one is missing.
 */
export function defaultLabelFonts(): LabelFonts {
  if (existsSync(bundledFont)) return { regular: bundledFont }
  const system = systemFonts.find((candidate) => existsSync(candidate.split('#')[0] ?? candidate))
  if (system) return { regular: system }
  throw new Error(`No CJK font for shipping labels: ${bundledFont} is missing and no system Noto CJK font was found`)
}

// Geometry in millimetres; PDF units are points.
const pt = (mm: number) => (mm * 72) / 25.4
const PAGE = { width: 105, height: 148 }
const MARGIN = 4
const LEFT = MARGIN
const RIGHT = PAGE.width - MARGIN
const INNER = RIGHT - LEFT
const QR_SIZE = 32 // including its 4-module quiet zone, so the code itself is about 27 mm
const BARCODE_HEIGHT = 15
const CODE128_QUIET_MODULES = 10
const CODE128_MAX_MODULE = 0.6 // wider bars scan better, but a long waybill must still fit the width

const FONT = 'label'

/** One A6 portrait page (105 × 148 mm) per label. */
export async function renderLabels(labels: ShippingLabel[], fonts: LabelFonts = defaultLabelFonts()): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: {
      Title: labels.length === 1 ? `运单 ${labels[0]?.waybill}` : `运单 ${labels.length} 张`,
      Creator: 'Hotland',
      Producer: 'Hotland',
      // The file's own date follows the data, so the same labels give the same PDF.
      CreationDate: labels[0]?.printedAt ?? new Date(0),
    },
  })
  const done = collect(doc)

  const [file = fonts.regular, face] = fonts.regular.split('#')
  if (face) doc.registerFont(FONT, file, face)
  else doc.registerFont(FONT, file)

  // QR images are made before drawing so a failure rejects before any page exists.
  const qrImages = await Promise.all(labels.map((label) => (label.box ? qrPng(label.box.digitalLink) : null)))
  labels.forEach((label, i) => drawLabel(doc, label, qrImages[i] ?? null))

  doc.end()
  return done
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
}

function drawLabel(doc: PDFKit.PDFDocument, label: ShippingLabel, qr: Buffer | null): void {
  doc.addPage({ size: [pt(PAGE.width), pt(PAGE.height)], margin: 0 })
  doc.font(FONT).fillColor('black').strokeColor('black')

  // Header: carrier and parcel count.
  text(doc, label.carrierName, LEFT, 4.5, { size: 12, width: INNER - 28, bold: true })
  text(doc, `第 ${label.parcelIndex}/${label.parcelCount} 件`, RIGHT - 28, 4.5, { size: 12, width: 28, align: 'right' })
  rule(doc, 12.5)

  // Waybill: barcode with the number under it.
  drawCode128(doc, label.waybill, 14.5, BARCODE_HEIGHT)
  text(doc, label.waybill, LEFT, 30.5, { size: 14, width: INNER, align: 'center', spacing: 1, bold: true })
  rule(doc, 37.5)

  // Receiver: the biggest text on the label, address wraps up to the next rule.
  tag(doc, '收', 39.5, 9, true)
  nameAndPhone(doc, label.receiver, LEFT + 11, 39.5, { size: 15, width: INNER - 11, bold: true })
  text(doc, label.receiver.address, LEFT + 11, 46.5, { size: 12.5, width: INNER - 11, height: 30.5, lineGap: 1.5 })
  rule(doc, 78.5)

  // Sender: smaller.
  tag(doc, '寄', 80.5, 6.5, false)
  nameAndPhone(doc, label.sender, LEFT + 9, 80.5, { size: 9.5, width: INNER - 9 })
  text(doc, label.sender.address, LEFT + 9, 85, { size: 8.5, width: INNER - 9, height: 9.5 })
  rule(doc, 95.5)

  text(doc, `内容：${label.contents}`, LEFT, 97.5, { size: 9.5, width: INNER, height: 10 })
  rule(doc, 108)

  // Bottom: the box's Digital Link QR with a line saying what it is for; order number and print time tiny.
  const bottom = 110
  let infoLeft = LEFT
  if (label.box && qr) {
    doc.image(qr, pt(LEFT), pt(bottom), { width: pt(QR_SIZE), height: pt(QR_SIZE) })
    infoLeft = LEFT + QR_SIZE + 2
    const width = RIGHT - infoLeft
    text(doc, '扫码查看溯源 · Scan to trace', infoLeft, bottom + 4, { size: 10, width })
    text(doc, '产地 · 批次 · 流转记录', infoLeft, bottom + 9.5, { size: 7.5, width })
    text(doc, `箱号 ${label.box.serial}`, infoLeft, bottom + 15, { size: 9, width })
  }
  const width = RIGHT - infoLeft
  text(doc, `订单 ${label.orderNo}`, infoLeft, 136, { size: 6.5, width })
  text(doc, `打印 ${formatShanghai(label.printedAt)}`, infoLeft, 139.5, { size: 6.5, width })
}

interface TextStyle {
  size: number
  width: number
  /** Wrap within this height (mm); without it the text stays on one line. Overflow ends in an ellipsis. */
  height?: number
  align?: 'left' | 'center' | 'right'
  spacing?: number
  lineGap?: number
  /** The bundled font has one weight, so bold is the glyph outline stroked over its fill. */
  bold?: boolean
}

function text(doc: PDFKit.PDFDocument, value: string, x: number, y: number, style: TextStyle): void {
  doc.fontSize(style.size).lineWidth(style.bold ? style.size / 28 : 0)
  doc.text(value, pt(x), pt(y), {
    width: pt(style.width),
    // One line (the font's line is about 1.45 em) unless a height is given; what does not fit ends in "…"
    // rather than running into the next block or onto a new page.
    height: style.height === undefined ? style.size * 1.6 : pt(style.height),
    ellipsis: true,
    align: style.align ?? 'left',
    characterSpacing: style.spacing ?? 0,
    lineGap: style.lineGap ?? 0,
    fill: true,
    stroke: style.bold ?? false,
  })
}

/** Name then phone on one line; the phone always prints in full (couriers call it), a long name gives way. */
function nameAndPhone(doc: PDFKit.PDFDocument, party: LabelParty, x: number, y: number, style: TextStyle): void {
  doc.fontSize(style.size)
  const phoneWidth = Math.min(style.width, (doc.widthOfString(party.phone) * 25.4) / 72 + 0.5)
  const gap = 2.5
  text(doc, party.phone, x + style.width - phoneWidth, y, { ...style, width: phoneWidth, align: 'right' })
  text(doc, party.name, x, y, { ...style, width: Math.max(0, style.width - phoneWidth - gap) })
}

function rule(doc: PDFKit.PDFDocument, y: number): void {
  doc.lineWidth(0.8).moveTo(pt(LEFT), pt(y)).lineTo(pt(RIGHT), pt(y)).stroke()
}

/** The 收 / 寄 marker at the left of a party block: filled for the receiver, outlined for the sender. */
function tag(doc: PDFKit.PDFDocument, char: string, y: number, size: number, filled: boolean): void {
  doc.lineWidth(0.8)
  if (filled) doc.rect(pt(LEFT), pt(y), pt(size), pt(size)).fill('black')
  else doc.rect(pt(LEFT), pt(y), pt(size), pt(size)).stroke()
  doc.fillColor(filled ? 'white' : 'black')
  const fontSize = size * 2
  doc.fontSize(fontSize).text(char, pt(LEFT), pt(y + (size - fontSize * 0.3528) / 2 - 0.3), {
    width: pt(size),
    align: 'center',
    lineBreak: false,
  })
  doc.fillColor('black')
}

/**
 * Code 128 drawn as vector bars (a thermal printer rasterises them at its own resolution, so edges stay
 * sharp), centred, with the 10-module quiet zone each side kept inside the margins.
 */
function drawCode128(doc: PDFKit.PDFDocument, waybill: string, y: number, height: number): void {
  if (!/^[\x20-\x7e]+$/.test(waybill)) throw new Error(`Waybill "${waybill}" must be printable ASCII for Code 128`)
  const symbol = bwipjs.raw({ bcid: 'code128', text: waybill })[0]
  if (!symbol || !('sbs' in symbol)) throw new Error('bwip-js returned no Code 128 pattern')
  const modules = symbol.sbs.reduce((sum, width) => sum + width, 0)
  const moduleWidth = Math.min(CODE128_MAX_MODULE, INNER / (modules + 2 * CODE128_QUIET_MODULES))
  let x = LEFT + (INNER - modules * moduleWidth) / 2
  symbol.sbs.forEach((width, i) => {
    // sbs alternates bar, space, bar, … starting with a bar.
    if (i % 2 === 0) doc.rect(pt(x), pt(y), pt(width * moduleWidth), pt(height))
    x += width * moduleWidth
  })
  doc.fill('black')
}

/** The Digital Link as a QR PNG (error correction M, 4-module quiet zone), black on white. */
function qrPng(digitalLink: string): Promise<Buffer> {
  const options = {
    bcid: 'qrcode',
    text: digitalLink,
    eclevel: 'M',
    scale: 8,
    padding: 4, // the quiet zone, in modules (bwip-js multiplies it by scale)
    backgroundcolor: 'FFFFFF',
  }
  return bwipjs.toBuffer(options)
}

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** 2026-11-28 14:05, China time whatever the server's zone. */
function formatShanghai(date: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) => shanghai.formatToParts(date).find((p) => p.type === type)?.value
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`
}
