// 溯源与物流：买家扫码看的溯源页、农户的批次和果园、发货（村级收寄点）、县级分拨中心扫码。
const traceZhCN = {
  page: {
    title: '这箱货的来历', demo: '示例数据：本页的商品条码（GTIN）等编号是虚构的，仅作演示',
    farmer: '农户', shop: '店铺', visitShop: '去店铺看看', box: '箱号', lot: '批次', gtin: '商品条码',
    verified: '记录未被篡改', verifiedText: '共 {n} 条溯源记录，逐条校验一致',
    unverified: '记录校验没有通过', unverifiedText: '这批货的溯源记录和当初保存的不一致，可能被改动过。请谨慎参考，并联系店家。',
    boxUnknown: '没有找到箱号 {serial}。这个箱号不是热土打包的，下面是这批货的信息。',
    lotOnly: '这是整批货的溯源信息（没有具体箱号）。',
    orchard: '果园', region: '产地', story: '农户说', lotFacts: '这批货', harvestDate: '采摘日期', weight: '采摘重量',
    grade: '等级', photos: '采摘照片', certificate: '承诺达标合格证', basis: '依据', issuer: '开具人', issuedOn: '开具日期',
    certPhoto: '查看合格证照片', noCertPhoto: '没有上传合格证照片', inspections: '检测记录', noInspections: '还没有检测记录',
    journey: '一路走来', noJourney: '还没有记录', map: '路线', clips: '直播里的这批货', clipsHint: '从直播回放里截下的片段',
    noClips: '还没有关联直播片段', fromLive: '来自直播：{title}', clipLen: '时长 {len}', events: '共 {n} 条记录',
    standard: '溯源记录按 GS1 EPCIS 2.0 标准保存', kg: '{n} 公斤', chainKey: '校验链',
  },
  steps: {
    harvested: '采摘', inspected: '检测', packed: '装箱', shipped: '发货', picked_up: '村点揽收', at_hub: '到达县分拨中心',
    departed: '发出', out_for_delivery: '派送中', delivered: '已签收', sold: '售出', corrected: '记录更正', other: '其他',
  },
  tracking: {
    created: '已发货，等待揽收', picked_up: '村点已揽收', at_hub: '到达县分拨中心', departed: '已发出',
    out_for_delivery: '派送中', delivered: '已签收',
  },
  basis: { self_test: '自我检测', commissioned_test: '委托检测', quality_control: '内部质量控制', self_promise: '自我承诺' },
  result: { conformant: '合格', nonconformant: '不合格' },
  purpose: { harvest: '采摘', packing: '装箱', other: '其他', none: '不用' },
  place: { origin: '产地', hub: '分拨中心', destination: '收货城市' },
  lots: {
    entry: '批次溯源', title: '批次溯源', tabLots: '批次', tabOrchards: '果园', newLot: '新建批次', needOrchard: '先添加一个果园，再建批次',
    empty: '还没有批次。采摘后建一个批次，买家扫箱子上的码就能看到', packed: '已装 {n} 箱', shipped: '已发 {n} 箱',
    blocked: '检测不合格', harvestOn: '{date} 采摘',
  },
  orchards: {
    add: '添加果园', edit: '修改果园', empty: '还没有果园', name: '果园名', namePh: '比如：南坡果园 3 号地', county: '所在县',
    address: '地址', addressPh: '乡镇、村、组', story: '果园故事', storyPh: '比如：种了二十年，海拔一千二百米，买家扫码能看到',
    save: '保存果园', saved: '果园已保存', gln: '位置码',
  },
  newLot: {
    title: '新建批次', step1: '这批货', step2: '合格证', product: '商品', pickProduct: '选择商品', sku: '规格', orchard: '果园',
    harvestDate: '采摘日期', weight: '重量（公斤）', grade: '等级', gradeOther: '其他等级', photos: '采摘照片（选填）',
    next: '下一步', prev: '上一步', save: '保存批次', saved: '批次已保存', noProducts: '店里还没有商品，先添加商品',
    needProduct: '请选择商品和规格', needOrchard: '请选择果园', needWeight: '请填写重量', needGrade: '请填写等级',
    certTitle: '承诺达标合格证', certHint: '每批水果都要开合格证（2026年2月1日起）',
    promise: '我承诺对生产销售的食用农产品：不使用禁用农药兽药、停用兽药和非法添加物，常规农药兽药残留不超标',
    basis: '承诺依据', issuer: '开具人', issuerPh: '签在合格证上的名字', phone: '联系电话', issuedOn: '开具日期',
    certPhoto: '合格证照片（选填）', needPromise: '请勾选承诺', needIssuer: '请填写开具人', needPhone: '请填写11位手机号',
  },
  lot: {
    title: '批次', facts: '批次信息', product: '商品', orchard: '果园', traceLink: '查看这批货的溯源页', blocked: '这批货检测不合格，不能装箱销售',
    certificate: '合格证', inspections: '检测', addInspection: '添加检测', pack: '装箱', packHint: '装好一箱就有一个箱号和二维码，同时加库存',
    packTitle: '装箱', boxes: '箱数', kgPerBox: '每箱重量（公斤）', packNow: '装箱并生成箱号', packed: '装好了 {n} 箱',
    packedList: '这次装箱的箱号', openTrace: '看溯源', packedKg: '已装 {kg} 公斤', clips: '直播片段',
    clipsHint: '选直播里拍到采摘、装箱的片段，买家扫码能看到', noClips: '还没有直播片段。直播结束后在直播控制台标记片段',
    saveClips: '保存片段', clipsSaved: '片段已保存', boxesCount: '已装 {packed} 箱 · 已发 {shipped} 箱',
  },
  inspection: {
    title: '添加检测', kind: '检测项目', kinds: { pesticide: '农药残留速测', sugar: '糖度检测', appearance: '外观检查' },
    result: '结果', inspectedOn: '检测日期', inspector: '检测人', inspectorPh: '人或机构', note: '备注', photos: '检测照片（选填）',
    save: '保存检测', saved: '检测已保存', needKind: '请填写检测项目', needInspector: '请填写检测人',
  },
  ship: {
    title: '发货', viaHub: '交给村级收寄点', viaHubHint: '送到村里的收寄点，县里统一发走，全程可查', viaCourier: '其他快递',
    pickupPoint: '收寄点', noPickupPoints: '本县还没有村级收寄点，请用其他快递', parcels: '件数', weight: '重量（公斤，选填）',
    submit: '发货', done: '发货成功', waybill: '运单号', dropAt: '请把箱子送到：{name}', printLabel: '打印面单', finish: '完成',
    needPickup: '请选择收寄点', loading: '正在找收寄点…',
  },
  labels: { title: '打印面单', date: '日期', print: '打印这天的面单', today: '打印今天的面单' },
  hubs: {
    title: '我的站点', menu: '物流站点', menuHint: '扫码收件、发车', empty: '你还不是任何站点的操作员',
    kind: { county_hub: '县级分拨中心', pickup_point: '村级收寄点' },
    scan: '扫运单', waybill: '运单号', waybillPh: '扫码或输入运单号', camera: '用摄像头扫码', cameraStop: '关闭摄像头',
    cameraFailed: '摄像头打不开，请手动输入', noCamera: '这个浏览器不能扫码，请手动输入',
    scanKinds: { picked_up: '揽收', arrived: '到站', departed: '发出', out_for_delivery: '派送', delivered: '签收' },
    scanned: '{waybill}：{status}', needWaybill: '请输入运单号', shipments: '包裹', noShipments: '这里没有包裹',
    select: '选择', newBatch: '建发车批次', destination: '发往', destinationPh: '比如：西安转运中心', selected: '已选 {n} 件',
    createBatch: '建批次', batchCreated: '批次已建好', batches: '发车批次', noBatches: '还没有发车批次', depart: '发车',
    departed: '已发车 {time}', waiting: '待发车', parcels: '{n} 件', departDone: '已发车', lastScan: '刚扫的包裹',
    receiver: '收件城市',
  },
  track: {
    title: '物流', carrier: '快递', waybill: '运单号', parcels: '{n} 件', pickupPoint: '收寄点：{name}',
    external: '{carrier} 的物流请到 {carrier} 官网或 App 用运单号查询', noSteps: '已发货，等待村点揽收',
    boxes: '箱子溯源', viewTrace: '查看溯源', boxNo: '箱号 {serial}', label: '打印面单',
  },
}

export default traceZhCN
export type TraceMessages = typeof traceZhCN
