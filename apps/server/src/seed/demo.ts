// Demo data for a first start: the Longnan (陇南) counties, a commissioner, the farmer 张大叔 and his shop, his daughter
// as operator, two buyers. Everything is labelled demo (isDemo = true and "（演示）" in names); all phone and ID numbers
// are fictitious. Nothing here runs when DEMO_DATA=false.
import sharp from 'sharp'
import type { Actor } from '../platform/auth/actor.ts'
import type { Db } from '../platform/db/client.ts'
import type { Services } from '../app.ts'
import { users } from '../modules/accounts/tables.ts'
import { shops } from '../modules/shops/tables.ts'
import { newId } from '../platform/ids.ts'
import { eq } from 'drizzle-orm'
import { seedDemoJourney } from './demo-journey.ts'

export const DEMO_PASSWORD = 'hotland-demo'

export const demoUsers = {
  admin: { phone: '13800000000', displayName: '平台管理员（演示）', roles: ['buyer', 'platform_admin'] },
  commissioner: { phone: '13800000001', displayName: '尹特派员（演示）', roles: ['buyer', 'commissioner'] },
  farmer: { phone: '13800000002', displayName: '张大叔（演示）', roles: ['buyer', 'farmer'] },
  daughter: { phone: '13800000003', displayName: '张小梅（演示）', roles: ['buyer', 'farmer'] },
  buyerA: { phone: '13800000004', displayName: '李女士（演示买家）', roles: ['buyer'] },
  buyerB: { phone: '13800000005', displayName: '王先生（演示买家）', roles: ['buyer'] },
  countyAdmin: { phone: '13800000006', displayName: '礼县管理员（演示）', roles: ['buyer', 'county_admin'] },
  applicant: { phone: '13800000007', displayName: '赵大姐（演示）', roles: ['buyer', 'farmer'] },
  hubOperator: { phone: '13800000008', displayName: '分拨员小王（演示）', roles: ['buyer'] },
} as const

export const LONGNAN_COUNTIES = ['621202', '621221', '621222', '621223', '621224', '621225', '621226', '621227', '621228']
export const LI_COUNTY = '621226'

// Gansu's provincial government announced on 2020-11-21 that its last 8 poverty counties, among them 礼县, 宕昌县 and
// 西和县, had exited. The other Longnan counties exited earlier; we do not state a year we have not checked.
const EXIT_2020 = new Set(['621223', '621225', '621226'])

function appleSvg(label: string, hue: number): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080">
  <defs><radialGradient id="g" cx="40%" cy="35%" r="70%"><stop offset="0" stop-color="hsl(${hue},90%,62%)"/><stop offset="1" stop-color="hsl(${hue},85%,35%)"/></radialGradient></defs>
  <rect width="1080" height="1080" fill="#fdf3e7"/>
  <ellipse cx="540" cy="980" rx="330" ry="40" fill="#e8d8c3"/>
  <path d="M540 300 C 380 200, 170 300, 200 560 C 225 800, 400 960, 540 900 C 680 960, 855 800, 880 560 C 910 300, 700 200, 540 300 Z" fill="url(#g)"/>
  <path d="M540 300 C 530 240, 545 190, 575 150" stroke="#6b4226" stroke-width="22" fill="none" stroke-linecap="round"/>
  <path d="M580 190 C 650 120, 760 140, 780 180 C 720 240, 630 240, 580 190 Z" fill="#4c9a2a"/>
  <text x="1040" y="1000" font-size="30" text-anchor="end" fill="#8a6d4b" font-family="sans-serif">${label} · demo image</text>
</svg>`)
}

async function demoImage(services: Services, actor: Actor, label: string, hue: number) {
  const png = await sharp(appleSvg(label, hue)).png().toBuffer()
  return services.media.uploadImage(actor, png, false)
}

export async function hasDemoData(db: Db): Promise<boolean> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.phone, demoUsers.admin.phone))
  return !!u
}

export async function seedDemoData(db: Db, services: Services, opts: { recordDir: string }): Promise<void> {
  const passwordHash = await services.accounts.hashPassword(DEMO_PASSWORD)
  const ids: Record<keyof typeof demoUsers, string> = {} as never
  for (const [key, u] of Object.entries(demoUsers) as [keyof typeof demoUsers, (typeof demoUsers)[keyof typeof demoUsers]][]) {
    const id = newId('usr')
    await db.insert(users).values({ id, phone: u.phone, passwordHash, displayName: u.displayName, roles: [...u.roles], isDemo: true })
    ids[key] = id
  }
  const actor = (k: keyof typeof demoUsers): Actor => ({ id: ids[k], roles: [...demoUsers[k].roles], displayName: demoUsers[k].displayName })

  for (const code of LONGNAN_COUNTIES) {
    await services.regions.seedProfile({
      code,
      formerlyPoor: true,
      povertyExitYear: EXIT_2020.has(code) ? 2020 : null,
      povertySource: EXIT_2020.has(code)
        ? '甘肃省人民政府 2020-11-21 公告：礼县等 8 县退出贫困县序列（演示数据，使用前请核实）'
        : '原国家扶贫开发工作重点县（演示数据，退出年份待核实）',
      brandName: code === LI_COUNTY ? '礼县苹果' : null,
      introduction: code === LI_COUNTY
        ? '【演示】礼县位于甘肃省东南部、陇南市北部，海拔高、温差大、光照足，是全国苹果优生区之一。“礼县苹果”是区域公用品牌。'
        : null,
      coverImageId: null,
      isDemo: true,
      updatedAt: new Date(),
    })
    await services.regions.assignCommissioner(actor('admin'), code, ids.commissioner)
  }
  await services.regions.assignCountyAdmin(ids.admin, LI_COUNTY, ids.countyAdmin)

  // 张大叔 is real-name verified (fictitious ID number with a valid check digit), 赵大姐 waits for review.
  const farmerV = await services.accounts.submitVerification(actor('farmer'), {
    legalName: '张大叔（演示）', idNumber: '621226196503150018', birthDate: '1965-03-15', countyCode: LI_COUNTY,
  })
  await services.accounts.approveVerification(actor('commissioner'), farmerV.id)
  await services.accounts.submitVerification(actor('applicant'), {
    legalName: '赵大姐（演示）', idNumber: '621226197208200021', birthDate: '1972-08-20', countyCode: LI_COUNTY,
  })

  const cover = await demoImage(services, actor('farmer'), '张大叔的苹果园', 8)
  const shop = await services.shops.open(actor('farmer'), {
    name: '张大叔的苹果园', countyCode: LI_COUNTY, town: '永兴镇', village: '龙槐村', coverImageId: cover.id,
    story: '【演示店铺】我在礼县种了三十多年苹果。以前等果贩子上山收，现在在果园里直播，大家看着我摘、看着我装箱，放心。',
  })
  await db.update(shops).set({ isDemo: true }).where(eq(shops.id, shop.id))
  await services.shops.addMember(actor('farmer'), shop.id, demoUsers.daughter.phone)
  await services.shops.setPayoutAccount(actor('farmer'), shop.id, { accountName: '张大叔（演示）', bankName: '演示农村商业银行', accountNumber: '6200000000000000019' })

  const apple1 = await demoImage(services, actor('farmer'), '花牛苹果', 2)
  const apple2 = await demoImage(services, actor('farmer'), '花牛苹果 80mm', 352)
  const apple = await services.catalog.create(actor('farmer'), shop.id, {
    title: '礼县花牛苹果 现摘现发', category: 'fruit', originCountyCode: LI_COUNTY, isFresh: true, status: 'on_sale',
    description: '【演示商品】高原红富士与花牛，树上自然成熟，现摘现发。生鲜商品，不支持7天无理由退货；坏果包赔。',
    imageIds: [apple1.id, apple2.id],
    skus: [
      { name: '75mm 5kg', priceFen: 4980, stock: 200, weightGrams: 5000 },
      { name: '80mm 5kg', priceFen: 5980, stock: 150, weightGrams: 5000 },
      { name: '85mm 10kg', priceFen: 12800, stock: 60, weightGrams: 10000 },
    ],
  }, { isDemo: true })
  const driedPhoto = await demoImage(services, actor('farmer'), '苹果干', 30)
  const dried = await services.catalog.create(actor('farmer'), shop.id, {
    title: '农家苹果干 无添加', category: 'processed', originCountyCode: LI_COUNTY, isFresh: false, status: 'on_sale',
    description: '【演示商品】自家苹果切片晾晒，不加糖。', imageIds: [driedPhoto.id],
    skus: [
      { name: '250g 袋装', priceFen: 1990, stock: 300, weightGrams: 250 },
      { name: '500g×2 礼盒', priceFen: 6800, stock: 80, weightGrams: 1000 },
    ],
  }, { isDemo: true })

  // A live the farmer can start with one tap (开播) from the anchor console.
  await services.live.schedule(actor('farmer'), shop.id, {
    title: '【演示】果园现摘直播：礼县花牛苹果', scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
    productIds: [apple.id, dried.id],
  }, { isDemo: true })

  await services.shops.follow(actor('buyerA'), shop.id, true)
  await services.shops.follow(actor('buyerB'), shop.id, true)

  await seedDemoJourney({
    db, services, recordDir: opts.recordDir, actor, phones: { hubOperator: demoUsers.hubOperator.phone }, shopId: shop.id, product: apple, countyCode: LI_COUNTY,
    coverImageId: (await demoImage(services, actor('farmer'), '果园直播', 110)).id,
  })
}

export function demoLoginLines(): string[] {
  const rows = Object.values(demoUsers).map((u) => `  ${u.phone}  ${u.displayName.padEnd(12, ' ')} ${u.phone === demoUsers.hubOperator.phone ? 'hub operator (scans at 礼县分拨中心 and 龙槐村收寄点)' : u.roles.filter((r) => r !== 'buyer').join(',') || 'buyer'}`)
  return ['Demo logins (password for all: ' + DEMO_PASSWORD + '):', ...rows]
}
