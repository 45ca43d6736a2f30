export * from './gs1.ts'
export * from './digital-link.ts'
