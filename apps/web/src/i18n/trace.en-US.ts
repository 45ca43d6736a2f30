// Traceability and logistics: the buyer's trace page, the farmer's lots and orchards, shipping, hub scanning.
import type { TraceMessages } from './trace.zh-CN'

const traceEnUS: TraceMessages = {
  page: {
    title: 'Where this box came from', demo: 'Demo data: the GTIN and other numbers on this page are fictitious',
    farmerIs: 'Farmer: {name}', shop: 'Shop', visitShop: 'Visit the shop', box: 'Box', lot: 'Lot', gtin: 'GTIN',
    verified: 'Verified unchanged', verifiedText: 'Trace records: {n}, each one checked',
    unverified: 'Records failed the check', unverifiedText: 'These trace records differ from what was stored and may have been changed. Treat them with care and contact the shop.',
    boxUnknown: 'Box {serial} was not found: it was not packed on Hotland. Below is the lot it claims to be from.',
    lotOnly: 'This is the whole lot (no box number).',
    orchard: 'Orchard', region: 'Origin', story: 'In the farmer\'s words', lotFacts: 'This lot', harvestDate: 'Harvested on', weight: 'Harvested weight',
    grade: 'Grade', photos: 'Harvest photos', certificate: 'Compliance certificate', basis: 'Basis', issuer: 'Issued by', issuedOn: 'Issued on',
    certPhoto: 'See the certificate photo', noCertPhoto: 'No photo of the certificate', inspections: 'Inspections', noInspections: 'No inspections yet',
    journey: 'The journey', noJourney: 'Nothing recorded yet', map: 'Route', clips: 'This lot on the live stream', clipsHint: 'Clips cut from the live replay',
    noClips: 'No live clips linked yet', fromLive: 'From the live: {title}', clipLen: 'Length {len}', events: 'Records: {n}',
    standard: 'Trace records kept to the GS1 EPCIS 2.0 standard', kg: '{n} kg',
  },
  steps: {
    harvested: 'Harvested', inspected: 'Inspected', packed: 'Packed', shipped: 'Shipped', picked_up: 'Picked up in the village',
    at_hub: 'At the county hub', departed: 'Departed', out_for_delivery: 'Out for delivery', delivered: 'Delivered', sold: 'Sold',
    corrected: 'Record corrected', other: 'Other',
  },
  tracking: {
    created: 'Shipped, waiting for pickup', picked_up: 'Picked up in the village', at_hub: 'At the county hub', departed: 'Departed',
    out_for_delivery: 'Out for delivery', delivered: 'Delivered',
  },
  basis: { self_test: 'Self-tested', commissioned_test: 'Commissioned test', quality_control: 'Internal quality control', self_promise: 'Self-declared' },
  result: { conformant: 'Pass', nonconformant: 'Fail' },
  purpose: { harvest: 'Picking', packing: 'Packing', other: 'Other', none: 'Not used' },
  place: { origin: 'Origin', hub: 'Hub', destination: 'Destination city' },
  lots: {
    entry: 'Lots & tracing', title: 'Lots & tracing', tabLots: 'Lots', tabOrchards: 'Orchards', newLot: 'New lot', needOrchard: 'Add an orchard first, then a lot',
    empty: 'No lots yet. Record a lot after harvest and buyers can scan the box to see it', packed: 'Packed: {n}', shipped: 'Shipped: {n}',
    blocked: 'Failed inspection', harvestOn: 'Harvested {date}',
  },
  orchards: {
    add: 'Add an orchard', edit: 'Edit orchard', empty: 'No orchards yet', name: 'Name', namePh: 'e.g. South slope plot 3', county: 'County',
    address: 'Address', addressPh: 'Township, village, group', story: 'Story', storyPh: 'e.g. Twenty years on this slope, 1,200 m up; buyers see this when they scan',
    save: 'Save orchard', saved: 'Orchard saved', gln: 'GLN',
  },
  newLot: {
    title: 'New lot', step1: 'The harvest', step2: 'Certificate', product: 'Product', pickProduct: 'Choose a product', sku: 'Option', orchard: 'Orchard',
    harvestDate: 'Harvest date', weight: 'Weight', kg: 'kg', grade: 'Grade', gradeOther: 'Other grade', photos: 'Harvest photos (optional)',
    next: 'Next', prev: 'Back', save: 'Save lot', saved: 'Lot saved', noProducts: 'The shop has no products yet: add one first',
    needProduct: 'Choose a product and option', needOrchard: 'Choose an orchard', needWeight: 'Enter the weight', needGrade: 'Enter the grade',
    certTitle: 'Compliance certificate (承诺达标合格证)', certHint: 'Every lot of fruit needs one (since 1 Feb 2026)',
    promise: 'I promise that the edible farm produce I grow and sell: uses no banned pesticides or veterinary drugs, no suspended veterinary drugs and no illegal additives, and its residues of common pesticides and veterinary drugs are within the standards',
    basis: 'Basis', issuer: 'Issuer', issuerPh: 'Name as signed on the certificate', phone: 'Phone', issuedOn: 'Issued on',
    certPhoto: 'Photo of the certificate (optional)', needPromise: 'Please tick the promise', needIssuer: 'Enter the issuer', needPhone: 'Enter an 11-digit mobile number',
  },
  lot: {
    title: 'Lot', facts: 'Lot details', product: 'Product', orchard: 'Orchard', traceLink: 'See this lot\'s trace page', blocked: 'This lot failed an inspection: it may not be packed or sold',
    certificate: 'Certificate', inspections: 'Inspections', addInspection: 'Add an inspection', pack: 'Pack boxes', packHint: 'Each box gets a number and a QR code, and adds stock',
    packTitle: 'Pack boxes', boxes: 'Boxes', kgPerBox: 'Kg per box', packNow: 'Pack and number the boxes', packed: '{n} boxes packed',
    openTrace: 'Trace', packedKg: '{kg} kg packed', clips: 'Live clips',
    clipsHint: 'Pick clips of the live that show picking and packing; buyers see them when they scan', noClips: 'No live clips yet. Mark clips in the live console after a stream',
    saveClips: 'Save clips', clipsSaved: 'Clips saved', boxesCount: '{packed} packed · {shipped} shipped',
    boxList: 'Boxes of this lot', noBoxes: 'No boxes yet. Each box you pack shows up here', boxFilter: { all: 'All', unshipped: 'Not shipped', shipped: 'Shipped' },
    shipped: 'Shipped', unshipped: 'Not shipped', justPacked: 'Just packed', packedAt: 'Packed {at}', openOrder: 'Order', showAllBoxes: 'Show all {n} boxes',
  },
  inspection: {
    title: 'Add an inspection', kind: 'Test', kinds: { pesticide: 'Pesticide rapid test', sugar: 'Sugar content', appearance: 'Visual check' },
    result: 'Result', inspectedOn: 'Date', inspector: 'Inspector', inspectorPh: 'Person or agency', note: 'Note', photos: 'Photos (optional)',
    save: 'Save inspection', saved: 'Inspection saved', needKind: 'Enter the test', needInspector: 'Enter the inspector',
  },
  ship: {
    title: 'Ship', viaHub: 'Village pickup point', viaHubHint: 'Drop the box at the village point; the county hub sends it on, tracked all the way', viaCourier: 'Other courier',
    pickupPoint: 'Pickup point', noPickupPoints: 'No village pickup points in this county yet: use a courier', parcels: 'Parcels', weight: 'Weight (kg, optional)',
    submit: 'Ship', done: 'Shipped', waybill: 'Waybill', dropAt: 'Take the box to: {name}', printLabel: 'Print label', finish: 'Done', packThese: 'Put these boxes in (the label QR codes belong to them):', boxLine: 'Lot {lot} · box {serial}',
    needPickup: 'Choose a pickup point', loading: 'Finding pickup points…',
  },
  labels: { title: 'Print labels', date: 'Date', print: 'Print that day\'s labels', today: 'Print today\'s labels' },
  hubs: {
    title: 'My hubs', menu: 'Logistics hubs', menuHint: 'Scan parcels, dispatch', empty: 'You do not operate any hub',
    kind: { county_hub: 'County hub', pickup_point: 'Village pickup point' },
    scan: 'Scan a waybill', waybill: 'Waybill', waybillPh: 'Scan or type the waybill', camera: 'Scan with the camera', cameraStop: 'Close the camera',
    cameraFailed: 'Could not open the camera: type the number', noCamera: 'This browser cannot scan: type the number',
    scanKinds: { picked_up: 'Pick up', arrived: 'Arrived', departed: 'Departed', out_for_delivery: 'Deliver', delivered: 'Delivered' },
    scanned: '{waybill}: {status}', needWaybill: 'Enter a waybill', shipments: 'Parcels', noShipments: 'No parcels here',
    select: 'Select', newBatch: 'New outbound batch', destination: 'To', destinationPh: 'e.g. Xi\'an transfer centre', selected: '{n} selected',
    createBatch: 'Create batch', batchCreated: 'Batch created', batches: 'Outbound batches', noBatches: 'No batches yet', depart: 'Depart',
    departed: 'Departed {time}', waiting: 'Waiting', parcels: 'Parcels: {n}', departDone: 'Departed', lastScan: 'Just scanned',
    receiver: 'To city',
    status: { created: 'To pick up', picked_up: 'Picked up', at_hub: 'Here', departed: 'Departed', out_for_delivery: 'Delivering', delivered: 'Delivered' },
  },
  track: {
    title: 'Delivery', carrier: 'Carrier', waybill: 'Waybill', parcels: 'Parcels: {n}', pickupPoint: 'Pickup point: {name}',
    external: 'Track {carrier} parcels on the {carrier} website or app with the waybill number', noSteps: 'Shipped, waiting for the village pickup',
    boxes: 'Trace the boxes', viewTrace: 'View trace', boxNo: 'Box {serial}', label: 'Print label',
  },
}

export default traceEnUS
