import type { BuyMessages } from './buy.zh-CN'

const buyEnUS: BuyMessages = {
  sheet: {
    title: 'Choose an option', sku: 'Option', qty: 'Quantity', stock: '{n} in stock', limit: 'Limit {n} per buyer', address: 'Deliver to',
    noAddress: 'No address yet: tap to add one', change: 'Change', shipping: 'Shipping', shippingFree: 'Free shipping', total: 'Total',
    buyNow: 'Buy now', addToCart: 'Add to cart', added: 'Added to cart', notDeliverable: 'Cannot deliver to this address',
    pickAddress: 'Choose an address', addAddress: 'Add an address', loginFirst: 'Log in to buy',
  },
  fresh: {
    title: 'Fresh produce',
    text: 'Fresh produce cannot be returned within 7 days without a reason. If it arrives damaged or rotten you can still claim a refund.',
    checkbox: 'I understand fresh produce has no 7-day no-reason return',
    confirm: 'I understand, continue',
  },
  flash: {
    tag: 'Flash sale', startsIn: 'Starts in {time}', endsIn: 'Ends in {time}', remaining: '{n} left', of: 'of {n}',
    grab: 'Grab it', gotIt: 'Got it', notStarted: 'Starting soon', soon: 'Soon', soldOut: 'Sold out', ended: 'Ended', grabbed: 'You got it!',
    grabbedText: '{n} held for you: pay within {time}', payNow: 'Pay now', later: 'Later',
    someoneGrabbed: '{name} got one', limit: 'Limit {n} each', original: 'was',
  },
  console: {
    title: 'Flash sale', pinFirst: 'Pin a product first to start a flash sale on it', sku: 'Option', price: 'Sale price (yuan)', quantity: 'Units',
    limit: 'Per buyer', startNow: 'Start now', countdown: 'Countdown', startsIn: 'Starts in (seconds)', duration: 'Lasts (minutes)',
    start: 'Start flash sale', started: 'Flash sale started', scheduled: 'Flash sale set, counting down', running: 'Running', left: '{n} / {total} left',
    statusScheduled: 'Not started', statusRunning: 'Running', statusSoldOut: 'Sold out', statusEnded: 'Ended', history: 'Flash sales in this live',
    badPrice: 'Enter a sale price and a quantity',
    end: 'End flash sale', soldOf: '{n} / {total} sold', endConfirm: 'End this flash sale now? Units not grabbed go back to stock; orders already placed stay.', endKeep: 'Keep it running', ended: 'Flash sale ended',
    priceNotLower: 'The sale price must be lower than the usual ¥{price}', stockLeft: 'Only {n} in stock',
  },
  cart: {
    title: 'Cart', empty: 'Your cart is empty', goShopping: 'Go shopping', selectAll: 'All', checkout: 'Check out ({n})', total: 'Total',
    unavailable: 'Sold out or off shelf', tooMany: 'Only {n} left: lower the quantity', fresh: 'Fresh', remove: 'Remove', removed: 'Removed', loginFirst: 'Log in to see your cart',
  },
  checkout: {
    title: 'Confirm order', address: 'Deliver to', items: 'Items', itemsFen: 'Items', shipping: 'Shipping', free: 'Free',
    note: 'Note to the shop', notePlaceholder: 'Optional, e.g. big ones please', total: 'To pay', submit: 'Place order', submitting: 'Placing order…',
    problems: 'Problem with this shop:', notDeliverable: 'This shop does not deliver there: change the address or remove its items', empty: 'Nothing to check out',
    fromLive: 'From a live room',
    needAddress: 'Add a delivery address first', needDeliverable: 'A shop does not deliver to this address: change it', needFresh: 'Please confirm the fresh-produce notice first',
  },
  address: {
    title: 'Addresses', add: 'Add address', edit: 'Edit address', recipient: 'Recipient', recipientPh: 'Name', phone: 'Phone', phonePh: '11-digit mobile number',
    county: 'Area', detail: 'Street address', detailPh: 'Street, number, building, room', isDefault: 'Make default',
    default: 'Default', save: 'Save address', saved: 'Address saved', remove: 'Delete address', removeConfirm: 'Delete this address?',
    removed: 'Address deleted', empty: 'No addresses yet', use: 'Use this address', required: 'Please fill in everything',
    needRecipient: 'Enter the recipient', needPhone: 'Enter a mobile number', badPhone: 'Enter a valid 11-digit mobile number',
    needCounty: 'Choose the area', needDetail: 'Enter the street address', shortDetail: 'At least 2 characters',
  },
  pay: {
    title: 'Payment', paying: 'Opening the cashier…', success: 'Paid', waiting: 'Confirming your payment…', failed: 'Payment did not go through',
    retry: 'Pay again', payBefore: 'Pay within {time}', expired: 'Payment time is over', checkoutOrders: 'This checkout',
    viewOrder: 'View order', unpaid: 'Not paid yet', payNow: 'Pay now', cancelled: 'Order cancelled', refunded: 'Order refunded',
    leftHours: '{h} h {m} min', leftMinutes: '{m} min {s} s', leftSeconds: '{s} s',
  },
  orders: {
    title: 'My orders', empty: 'No orders yet', all: 'All', goCart: 'Cart', addresses: 'Addresses',
    status: {
      pending_payment: 'To pay', paid: 'To ship', shipped: 'On the way', delivered: 'Delivered', completed: 'Completed',
      cancelled: 'Cancelled', refunded: 'Refunded',
    },
    shopStatus: { shipped: 'Shipped' },
    count: '{n} items', countOne: '1 item', total: 'Paid', toPay: 'To pay', orderTotal: 'Total', refundedPart: 'refunded', loginFirst: 'Log in to see your orders',
  },
  order: {
    title: 'Order', payCountdown: 'Time left to pay {time}', pay: 'Pay', cancel: 'Cancel order',
    cancelConfirm: 'Cancel this order?', cancelConfirmPaid: 'Cancel this order? Your payment will be refunded.', cancelKeep: 'Keep it', cancelled: 'Order cancelled', confirmReceipt: 'Confirm receipt',
    confirmReceiptText: 'Did the box arrive?', received: 'Receipt confirmed', review: 'Review', claim: 'Claim',
    escalate: 'Ask a commissioner', escalated: 'A commissioner will decide',
    escalateConfirm: 'Ask the county commissioner to decide this claim? They will look at your photos and the shop\'s note, then decide the refund.', escalateBack: 'Not now',
    timeline: 'Progress', address: 'Ship to', shipping: 'Shipping',
    items: 'Items', total: 'Paid', toPay: 'To pay', orderTotal: 'Total', refunded: 'Refunded', refundOwed: 'Refund in progress', note: 'Note', carrier: 'Carrier', waybill: 'Waybill',
    freshConfirmed: 'Confirmed: fresh produce has no 7-day no-reason return', orderNo: 'Order no.', createdAt: 'Ordered', shop: 'Shop', buyer: 'Buyer',
    actor: { system: 'System', buyer: 'Buyer', shop: 'Shop', carrier: 'Courier', other: 'Platform' },
    claimTitle: 'Claim', claimStatus: { open: 'Waiting for the shop', refunded: 'Refunded', rejected: 'Rejected by the shop', escalated: 'With a commissioner' },
    claimRequested: 'Requested', claimRefund: 'Refund', claimResolution: 'Resolution', reviewed: 'Reviewed', autoConfirm: 'Auto-confirms on {time}',
    decide: 'Decide', resolve: 'Handle claim',
  },
  event: { flashGrab: 'Grabbed in a flash sale', paid: 'Paid', expired: 'Not paid in time: cancelled', refund: 'Refunded {amount} yuan', claim: 'Claim filed', placed: 'Order placed', shipped: 'Shipped: {carrier} {waybill}', delivered: 'Delivered', receiptConfirmed: 'Receipt confirmed', autoConfirmed: 'Receipt confirmed automatically', cancelledBeforeShipping: 'Cancelled before shipping', claimSettled: 'Claim settled by the shop: {note}', claimDecided: 'Decided by a commissioner: {note}' },
  review: {
    title: 'Review this order', rating: 'Rating', text: 'Taste, size, packing…', photos: 'Photos (optional)', submit: 'Post review', done: 'Thanks for your review',
    list: 'Reviews', none: 'No reviews yet', avg: '{n} reviews', avgOne: '1 review',
    ratingIs: '{n}/5 · {word}', words: { 1: 'Poor', 2: 'Fair', 3: 'OK', 4: 'Good', 5: 'Great' },
    confirm: 'Post a {n}-star review? It cannot be changed later.', confirmPost: 'Post', confirmBack: 'Not yet',
  },
  claim: {
    title: 'Claim', reason: 'What went wrong',
    reasons: { damaged: 'Damaged', rotten: 'Rotten', missing: 'Items missing', other: 'Other' },
    description: 'Details', descriptionPh: 'e.g. 5 apples crushed', photos: 'Photos of the box as it arrived (at least 1)', amount: 'Refund requested (yuan)',
    submit: 'Submit claim', done: 'Claim sent to the shop', needPhoto: 'Add at least one photo', needText: 'Please describe the problem', needAmount: 'Enter the refund amount',
  },
  resolve: {
    title: 'Handle claim', refund: 'Refund (yuan)', note: 'Note', notePh: 'e.g. full refund agreed', submit: 'Confirm', done: 'Done',
    full: 'Full refund', reject: 'No refund (reject)', needNote: 'Write a note: the buyer will see it', needRefund: 'Enter the refund: 0 for none',
  },
  farmer: {
    orders: 'Orders', toShip: 'To ship', claims: 'Claims', shipped: 'Shipped', all: 'All', empty: 'No orders here yet',
    ship: 'Ship', shipTitle: 'Shipping details', carrier: 'Carrier', waybill: 'Waybill no.', waybillPh: 'Scan or type the waybill',
    shipDone: 'Shipped', buyer: 'Buyer', income: 'Income', rules: 'Shipping fees', openClaim: 'Claim open',
  },
  income: {
    title: 'Income', gross: 'Sales', fee: 'Platform fee', refund: 'Refunds', net: 'Net', orders: '{n} orders', ordersOne: '1 order', feeRate: 'Fee rate {rate}',
    entries: 'Entries', none: 'No income yet', pending: 'To be settled',
    pendingNote: '{n} paid orders, settled when the buyers confirm receipt', pendingNoteOne: '1 paid order, settled when the buyer confirms receipt',
    kind: { sale: 'Sale', fee: 'Fee', refund: 'Refund', fee_refund: 'Fee returned' },
  },
  rules: {
    title: 'Shipping fees', base: 'Base fee (yuan)', freeAbove: 'Free above (yuan)', freeAbovePh: 'Empty = never free',
    provinceFees: 'Fees for remote provinces', addProvince: 'Add a province', province: 'Province', fee: 'Fee (yuan)', excluded: 'Provinces not served',
    save: 'Save shipping fees', saved: 'Shipping fees saved', pickProvince: 'Choose a province', none: 'None',
  },
}

export default buyEnUS
