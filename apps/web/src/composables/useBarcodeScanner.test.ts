import { describe, expect, it } from 'vitest'
import { barcodeSupported, waybillFromScan } from './useBarcodeScanner'

describe('hub barcode scanning', () => {
  it('takes a waybill read from the label as is (upper case)', () => {
    expect(waybillFromScan(' hl2026030100012 ')).toBe('HL2026030100012')
    expect(waybillFromScan('SF-1234567890')).toBe('SF-1234567890')
  })

  it('ignores codes that cannot be a waybill (the box\'s trace QR, short codes)', () => {
    expect(waybillFromScan('https://hotland.example/01/06971234500012/10/L1/21/1')).toBeNull()
    expect(waybillFromScan('12345')).toBeNull()
  })

  it('offers the camera only where the browser has BarcodeDetector', () => {
    expect(barcodeSupported({})).toBe(false)
  })
})
