// The only door into the accounts module for other modules.
export { createAccountsService, type AccountsService, type RegionsLookup, toUserView } from './service.ts'
export { accountsRoutes } from './routes.ts'
export { dbSessionStore, redisSessionStore, type SessionStore } from './sessions.ts'
export { accountsRepository } from './repository.ts'
