import { describe, expect, it } from 'vitest'
import { addressProblems } from './addressForm'

const good = { recipient: '李女士', phone: '13912345678', countyCode: '330106', detail: '文三路 99 号' }

describe('addressProblems', () => {
  it('finds nothing wrong with a complete address', () => {
    expect(addressProblems(good)).toEqual({})
  })

  it('names only the phone when the phone is 7 digits', () => {
    expect(addressProblems({ ...good, phone: '1391234' })).toEqual({ phone: 'buy.address.badPhone' })
  })

  it('refuses numbers that are not mainland mobiles', () => {
    expect(addressProblems({ ...good, phone: '12912345678' })).toEqual({ phone: 'buy.address.badPhone' })
    expect(addressProblems({ ...good, phone: '139123456789' })).toEqual({ phone: 'buy.address.badPhone' })
    expect(addressProblems({ ...good, phone: ' 13912345678 ' })).toEqual({})
  })

  it('counts a field of only spaces as empty and names each empty field', () => {
    expect(addressProblems({ recipient: '  ', phone: ' ', countyCode: '', detail: '\n ' })).toEqual({
      recipient: 'buy.address.needRecipient', phone: 'buy.address.needPhone',
      countyCode: 'buy.address.needCounty', detail: 'buy.address.needDetail',
    })
  })

  it('asks for a longer street address when it is one character', () => {
    expect(addressProblems({ ...good, detail: ' 号 ' })).toEqual({ detail: 'buy.address.shortDetail' })
  })
})
