// A farmer signs up, opens a shop, lists a product with a photo and sells it; a buyer finds it on the county page.
// Along the way: real-name request, adding an operator and handing the shop over (succession).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { MeView, Page as ApiPage, ProductSummary, ProductView, ShopView, TransferView } from '@hotland/contracts'

type ProductPage = ApiPage<ProductSummary>
import { hasChromium, SKIP_NOTICE } from '../support/env'
import { apiSession, fakeIdNumber, launch, otpCode, phone, registerViaApi, shot, uniquePhone } from '../support/browser'
import { applePng } from '../support/png'

const baseURL = inject('baseURL')
if (!hasChromium) console.warn(SKIP_NOTICE)

const KANG_COUNTY = '621224' // 康县, Longnan
const suffix = Math.random().toString(36).slice(2, 6)
const shopName = `王家核桃园${suffix}`
const productTitle = `康县高山苹果 ${suffix}`

async function pickCounty(page: Page, label: string, name: string) {
  await page.getByRole('textbox', { name: label }).click()
  const dialog = page.getByRole('dialog', { name: '选择县（区）' })
  await dialog.getByRole('searchbox').fill(name)
  await dialog.getByRole('option', { name: new RegExp(`^${name}`) }).first().click()
  await expect.poll(() => page.getByRole('textbox', { name: label }).inputValue()).toContain(name)
}

describe.skipIf(!hasChromium)('a farmer lists produce and a buyer finds it by county', () => {
  let browser: Browser
  beforeAll(async () => { browser = await launch() })
  afterAll(async () => { await browser?.close() })

  it('goes from sign-up to a product a buyer can see, with a photo, price and fresh-produce notice', async () => {
    const farmerCtx = await phone(browser, baseURL)
    const page = await farmerCtx.newPage()
    const api = farmerCtx.request // shares the farmer's session cookie

    // ── sign up as a farmer (SMS code read from the test route)
    const farmerPhone = uniquePhone()
    await page.goto('/me')
    await page.getByRole('tab', { name: '注册' }).click()
    const form = page.getByRole('tabpanel')
    await form.getByRole('textbox', { name: '手机号' }).fill(farmerPhone)
    await form.getByRole('button', { name: '获取验证码' }).click()
    await expect.poll(() => form.getByRole('button', { name: /秒后重发/ }).count()).toBe(1)
    await form.getByRole('textbox', { name: '验证码' }).fill(await otpCode(api, farmerPhone))
    await form.getByLabel('密码').fill('apple-orchard-59')
    await form.getByRole('textbox', { name: '称呼' }).fill('老王')
    await form.getByRole('radio', { name: '农户（要开店）' }).click()
    await form.getByRole('button', { name: '注册', exact: true }).click()

    // ── open a shop in 康县
    await page.waitForURL('**/farmer/open-shop')
    await page.getByRole('textbox', { name: '店名' }).fill(shopName)
    await pickCounty(page, '所在县', '康县')
    await page.getByRole('textbox', { name: '乡镇' }).fill('阳坝镇')
    await page.getByRole('textbox', { name: '店铺故事' }).fill('山上种了二十年核桃和苹果。')
    await shot(page, 'open-shop')
    await page.getByRole('button', { name: '开店', exact: true }).click()
    await page.waitForURL(/\/farmer\/shops\/shp_[^/]+$/)
    const shopId = page.url().split('/').pop() as string
    const shop = (await (await api.get(`/api/shops/${shopId}`)).json()) as ShopView
    expect(shop).toMatchObject({ name: shopName, countyCode: KANG_COUNTY, myRole: 'owner' })

    // ── add a product with a photo and one SKU, on sale
    await page.getByRole('link', { name: '添加商品' }).click()
    await page.waitForURL('**/products/new')
    await page.locator('input[type=file]').setInputFiles({ name: 'apple.png', mimeType: 'image/png', buffer: applePng() })
    await expect.poll(() => page.getByRole('img', { name: '照片 1' }).count()).toBe(1)
    await expect.poll(() => page.getByText(/上传中/).count(), { timeout: 20_000 }).toBe(0)
    await expect.poll(() => page.getByRole('textbox', { name: '产地' }).inputValue()).toContain('康县')
    await page.getByRole('textbox', { name: '商品名' }).fill(productTitle)
    await page.getByRole('textbox', { name: '介绍' }).fill('海拔1200米，脆甜多汁。')
    await page.getByRole('radio', { name: '水果' }).click()
    await page.getByRole('textbox', { name: '规格名' }).fill('80mm 5kg')
    await page.getByRole('textbox', { name: '价格' }).fill('39.9')
    await page.getByRole('textbox', { name: '库存' }).fill('100')
    await page.getByRole('textbox', { name: '重量' }).fill('5000')
    await page.getByText('马上上架，买家能看到').click()
    await shot(page, 'product-edit')
    await page.getByRole('button', { name: '保存商品' }).click()
    await page.waitForURL(/\/farmer\/shops\/shp_[^/]+$/)
    await expect.poll(() => page.getByText(productTitle).count()).toBe(1)
    await expect.poll(() => page.getByText('在售', { exact: true }).count()).toBeGreaterThan(0)
    await shot(page, 'shop-manage')

    const mine = (await (await api.get(`/api/shops/${shopId}/products`)).json()) as ProductPage
    const listed = mine.items.find((p) => p.title === productTitle)
    expect(listed).toMatchObject({ status: 'on_sale', minPriceFen: 3990, isFresh: true, category: 'fruit', originCountyCode: KANG_COUNTY })
    const full = (await (await api.get(`/api/products/${listed!.id}`)).json()) as ProductView
    expect(full.images).toHaveLength(1)
    expect(full.skus).toMatchObject([{ name: '80mm 5kg', priceFen: 3990, stock: 100, weightGrams: 5000 }])

    // ── real-name verification request
    await page.goto('/me/verification')
    await page.getByRole('textbox', { name: '真实姓名' }).fill('王建国')
    await page.getByRole('textbox', { name: '身份证号' }).fill(fakeIdNumber(KANG_COUNTY, '19700305'))
    await expect.poll(() => page.getByLabel('出生日期').inputValue()).toBe('1970-03-05')
    await pickCounty(page, '所在县', '康县')
    await page.getByRole('button', { name: '提交认证' }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: '审核中' }).count()).toBe(1)
    await shot(page, 'verification')
    const me = (await (await api.get('/api/accounts/me')).json()) as MeView
    expect(me.verification).toMatchObject({ status: 'pending', legalName: '王建国', countyCode: KANG_COUNTY })
    expect(me.verification?.idNumberMasked).not.toContain('19700305')

    await page.goto('/me')
    await expect.poll(() => page.getByText(shopName).count()).toBe(1)
    await shot(page, 'me')

    // ── succession: add the daughter as operator, propose the hand-over, she accepts
    const daughterApi = await apiSession(baseURL)
    const daughter = await registerViaApi(daughterApi, '王小燕', 'buyer')
    await page.goto(`/farmer/shops/${shopId}/members`)
    await page.getByRole('textbox', { name: '手机号' }).fill(daughter.phone)
    await page.getByRole('button', { name: '添加店员' }).click()
    await page.getByRole('button', { name: '转给王小燕' }).click()
    await page.getByRole('dialog').getByRole('button', { name: '确定转让' }).click()
    await expect.poll(() => page.getByText('正在等王小燕同意接手').count()).toBe(1)
    await shot(page, 'members-succession')
    const transfers = (await (await api.get(`/api/shops/${shopId}/transfers`)).json()) as TransferView[]
    expect(transfers.find((x) => x.status === 'pending')).toMatchObject({ toUserId: daughter.user.id })

    const daughterCtx = await phone(browser, baseURL)
    const dpage = await daughterCtx.newPage()
    await dpage.goto('/me')
    const login = dpage.getByRole('tabpanel')
    await login.getByRole('textbox', { name: '手机号' }).fill(daughter.phone)
    await login.getByLabel('密码').fill('test-pass-123')
    await login.getByRole('button', { name: '登录', exact: true }).click()
    await expect.poll(() => dpage.getByText(shopName).count()).toBe(1)
    await dpage.getByText(shopName).click()
    await dpage.getByRole('button', { name: '接手店铺' }).click()
    await dpage.getByRole('dialog').getByRole('button', { name: '接手店铺' }).click()
    await expect.poll(async () => ((await (await api.get(`/api/shops/${shopId}`)).json()) as ShopView).ownerId).toBe(daughter.user.id)
    await daughterCtx.close()
    await daughterApi.dispose()
    await farmerCtx.close()

    // ── an anonymous buyer finds the product on the 康县 page
    const buyerCtx = await phone(browser, baseURL)
    const buyer = await buyerCtx.newPage()
    await buyer.goto('/')
    await expect.poll(() => buyer.getByRole('heading', { name: '热土' }).count()).toBe(1)
    await shot(buyer, 'home')
    await buyer.getByRole('tab', { name: '分类' }).click()
    await buyer.getByRole('button', { name: '水果' }).click()
    await shot(buyer, 'category')

    await buyer.goto(`/counties/${KANG_COUNTY}`)
    await expect.poll(() => buyer.getByRole('heading', { name: '康县', level: 1 }).count()).toBe(1)
    await expect.poll(() => buyer.getByText('脱贫县').count()).toBeGreaterThan(0)
    const card = buyer.getByRole('link', { name: productTitle })
    await card.scrollIntoViewIfNeeded()
    await shot(buyer, 'county')
    await card.click()
    await buyer.waitForURL('**/products/prd_*')
    await expect.poll(() => buyer.getByRole('heading', { name: productTitle }).count()).toBe(1)
    await expect.poll(() => buyer.getByText('¥39.90').count()).toBeGreaterThan(0)
    await expect.poll(() => buyer.getByText('生鲜商品，不支持7天无理由退货').count()).toBe(1)
    // buying works now (issue 4): the product page offers 加入购物车 and 立即购买
    await expect.poll(() => buyer.getByRole('button', { name: '立即购买' }).count()).toBe(1)
    await expect.poll(() => buyer.getByRole('button', { name: '加入购物车' }).count()).toBe(1)
    await shot(buyer, 'product')
    await buyer.getByText(shopName).click()
    await buyer.waitForURL(`**/shops/${shopId}`)
    await expect.poll(() => buyer.getByRole('heading', { name: shopName }).count()).toBe(1)
    await shot(buyer, 'shop')

    const pub = (await (await buyerCtx.request.get(`/api/products?countyCode=${KANG_COUNTY}`)).json()) as ProductPage
    expect(pub.items.map((p) => p.title)).toContain(productTitle)
    await buyerCtx.close()
  })
})
