// 买东西：直播间下单、秒杀、购物车、结算、地址、支付、订单、售后、农户发货与收入。
const buyZhCN = {
  sheet: {
    title: '选规格', sku: '规格', qty: '数量', stock: '库存 {n}', limit: '每人限购 {n}', address: '收货地址',
    noAddress: '还没有收货地址，点这里添加', change: '换一个', shipping: '运费', shippingFree: '包邮', total: '合计',
    buyNow: '立即购买', addToCart: '加入购物车', added: '已加入购物车', notDeliverable: '这个地址送不到',
    pickAddress: '选择收货地址', addAddress: '新增收货地址', loginFirst: '登录后购买',
  },
  fresh: {
    title: '生鲜商品提醒',
    text: '生鲜商品不支持7天无理由退货。到货坏了、烂了，仍然可以申请售后退款。',
    checkbox: '我已知晓：生鲜商品不支持7天无理由退货',
    confirm: '我知道了，继续',
  },
  flash: {
    tag: '秒杀', startsIn: '{time} 后开抢', endsIn: '{time} 后结束', remaining: '剩 {n} 件', of: '共 {n} 件',
    grab: '马上抢', gotIt: '已抢到', notStarted: '即将开抢', soon: '即将开抢', soldOut: '已抢光', ended: '已结束', grabbed: '抢到了！',
    grabbedText: '已为你保留 {n} 件，请在 {time} 内付款', payNow: '去付款', later: '稍后再付',
    someoneGrabbed: '{name} 抢到了', limit: '每人限 {n} 件', original: '原价',
  },
  console: {
    title: '秒杀', pinFirst: '先上链接，才能给它开秒杀', sku: '规格', price: '秒杀价（元）', quantity: '数量（件）',
    limit: '每人限购', startNow: '马上开始', countdown: '倒计时开始', startsIn: '多久后开始（秒）', duration: '持续（分钟）',
    start: '开始秒杀', started: '秒杀开始了', scheduled: '秒杀已设好，倒计时中', running: '进行中', left: '剩 {n} / {total} 件',
    statusScheduled: '未开始', statusRunning: '进行中', statusSoldOut: '已抢光', statusEnded: '已结束', history: '本场秒杀',
    badPrice: '请填写秒杀价、数量',
    end: '结束秒杀', soldOf: '卖出 {n} / {total} 件', endConfirm: '现在结束这个秒杀？没抢到的件数回到库存，已下单的不受影响。', endKeep: '继续秒杀', ended: '秒杀已结束',
    priceNotLower: '秒杀价要比原价 ¥{price} 低', stockLeft: '库存只有 {n} 件',
  },
  cart: {
    title: '购物车', empty: '购物车是空的', goShopping: '去逛逛', selectAll: '全选', checkout: '去结算 ({n})', total: '合计',
    unavailable: '已售完或下架', tooMany: '只剩 {n} 件了，请减少数量', fresh: '生鲜', remove: '删除', removed: '已删除', loginFirst: '登录后查看购物车',
  },
  checkout: {
    title: '确认订单', address: '收货地址', items: '商品', itemsFen: '商品金额', shipping: '运费', free: '包邮',
    note: '给店家留言', notePlaceholder: '选填，比如：请挑大个的', total: '实付', submit: '提交订单', submitting: '正在下单…',
    problems: '这家店有问题：', notDeliverable: '这家店不送这个地址，请换地址或去掉它的商品', empty: '没有要结算的商品',
    fromLive: '来自直播间',
    needAddress: '请先添加收货地址', needDeliverable: '有店铺送不到这个地址，请换地址', needFresh: '请先确认生鲜说明',
  },
  address: {
    title: '收货地址', add: '新增地址', edit: '修改地址', recipient: '收货人', recipientPh: '名字', phone: '手机号', phonePh: '11 位手机号',
    county: '所在地区', detail: '详细地址', detailPh: '街道、门牌号、小区楼栋', isDefault: '设为默认地址',
    default: '默认', save: '保存地址', saved: '地址已保存', remove: '删除地址', removeConfirm: '确定删除这个地址吗？',
    removed: '地址已删除', empty: '还没有收货地址', use: '用这个地址', required: '请填写完整',
    needRecipient: '请填写收货人', needPhone: '请填写手机号', badPhone: '请填写正确的11位手机号',
    needCounty: '请选择所在地区', needDetail: '请填写详细地址', shortDetail: '详细地址至少 2 个字',
  },
  pay: {
    title: '付款', paying: '正在打开收银台…', success: '付款成功', waiting: '正在确认付款结果…', failed: '付款没有成功',
    retry: '重新付款', payBefore: '请在 {time} 内付款', expired: '付款时间已过', checkoutOrders: '本次下单',
    viewOrder: '查看订单', unpaid: '还没有付款', payNow: '去付款', cancelled: '订单已取消', refunded: '订单已退款',
    leftHours: '{h}小时{m}分', leftMinutes: '{m}分{s}秒', leftSeconds: '{s}秒',
  },
  orders: {
    title: '我的订单', empty: '还没有订单', all: '全部', goCart: '购物车', addresses: '收货地址',
    status: {
      pending_payment: '待付款', paid: '待发货', shipped: '待收货', delivered: '已送达', completed: '已完成',
      cancelled: '已取消', refunded: '已退款',
    },
    /** What the shop reads where the buyer's word differs (the buyer waits for 待收货; the farmer has 已发货). */
    shopStatus: { shipped: '已发货' },
    count: '共 {n} 件', countOne: '共 1 件', total: '实付', toPay: '应付', orderTotal: '合计', refundedPart: '已退', loginFirst: '登录后查看订单',
  },
  order: {
    title: '订单详情', payCountdown: '剩余付款时间 {time}', pay: '去付款', cancel: '取消订单',
    cancelConfirm: '确定取消这个订单吗？', cancelConfirmPaid: '确定取消这个订单吗？已付的钱会原路退回。', cancelKeep: '再想想', cancelled: '订单已取消', confirmReceipt: '确认收货',
    confirmReceiptText: '确认已经收到这箱货了吗？', received: '已确认收货', review: '评价', claim: '申请售后',
    escalate: '请特派员介入', escalated: '已请特派员介入',
    escalateConfirm: '请县里的特派员来裁定这次售后吗？特派员会看你的照片和店家的处理说明，再决定退多少。', escalateBack: '再想想',
    timeline: '订单进度', address: '收货信息', shipping: '运费',
    items: '商品金额', total: '实付', toPay: '应付', orderTotal: '合计', refunded: '已退款', refundOwed: '退款处理中', note: '留言', carrier: '快递', waybill: '运单号',
    freshConfirmed: '已确认生鲜不支持7天无理由退货', orderNo: '订单号', createdAt: '下单时间', shop: '店铺', buyer: '买家',
    actor: { system: '系统', buyer: '买家', shop: '店家', carrier: '快递员', other: '平台' },
    claimTitle: '售后', claimStatus: { open: '等店家处理', refunded: '已退款', rejected: '店家拒绝', escalated: '特派员处理中' },
    claimRequested: '申请退款', claimRefund: '退款', claimResolution: '处理说明', reviewed: '已评价', autoConfirm: '{time} 自动确认收货',
    decide: '裁定', resolve: '处理售后',
  },
  event: { flashGrab: '秒杀抢到', paid: '付款成功', expired: '超时未付款，已取消', refund: '退款 {amount} 元', claim: '申请售后', placed: '下单', shipped: '已发货：{carrier} {waybill}', delivered: '已签收', receiptConfirmed: '确认收货', autoConfirmed: '自动确认收货', cancelledBeforeShipping: '发货前取消', claimSettled: '店家处理售后：{note}', claimDecided: '特派员裁定：{note}' },
  review: {
    title: '评价这单', rating: '打分', text: '说说味道、个头、包装', photos: '晒图（选填）', submit: '发表评价', done: '谢谢你的评价',
    list: '买家评价', none: '还没有评价', avg: '{n} 条评价', avgOne: '1 条评价',
    ratingIs: '{n} 星 · {word}', words: { 1: '很差', 2: '较差', 3: '一般', 4: '满意', 5: '非常满意' },
    confirm: '发表 {n} 星评价？发表后不能修改。', confirmPost: '发表', confirmBack: '再想想',
  },
  claim: {
    title: '申请售后', reason: '遇到的问题',
    reasons: { damaged: '压坏了', rotten: '烂了', missing: '少发了', other: '其他问题' },
    description: '说明情况', descriptionPh: '比如：5个苹果压坏了', photos: '拍下到货的样子（至少1张）', amount: '申请退款（元）',
    submit: '提交售后', done: '售后已提交，等店家处理', needPhoto: '请至少上传1张照片', needText: '请写一下情况', needAmount: '请填写退款金额',
  },
  resolve: {
    title: '处理售后', refund: '退款金额（元）', note: '处理说明', notePh: '比如：同意全额退款', submit: '确定', done: '已处理',
    full: '全额退', reject: '不退（拒绝）', needNote: '请写处理说明，买家会看到', needRefund: '请填写退款金额，不退就填 0',
  },
  farmer: {
    orders: '订单发货', toShip: '待发货', claims: '售后', shipped: '已发货', all: '全部', empty: '这里还没有订单',
    ship: '发货', shipTitle: '填写快递', carrier: '快递公司', waybill: '运单号', waybillPh: '扫码或输入运单号',
    shipDone: '已发货', buyer: '买家', income: '收入', rules: '运费设置', openClaim: '有售后',
  },
  income: {
    title: '收入', gross: '卖出', fee: '平台服务费', refund: '退款', net: '到手', orders: '{n} 单', ordersOne: '1 单', feeRate: '服务费率 {rate}',
    entries: '明细', none: '还没有收入', pending: '待结算', pendingNote: '{n} 单买家已付款，确认收货后到账', pendingNoteOne: '1 单买家已付款，确认收货后到账',
    kind: { sale: '货款', fee: '服务费', refund: '退款', fee_refund: '退回服务费' },
  },
  rules: {
    title: '运费设置', base: '基础运费（元）', freeAbove: '满多少包邮（元）', freeAbovePh: '不填 = 不包邮',
    provinceFees: '偏远地区运费', addProvince: '加一个省份', province: '省份', fee: '运费（元）', excluded: '不发货的省份',
    save: '保存运费设置', saved: '运费设置已保存', pickProvince: '选择省份', none: '没有',
  },
}

export default buyZhCN
export type BuyMessages = typeof buyZhCN
