import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ErrorResponseSchema, FindUserQuerySchema, IdParamsSchema, ListVerificationsQuerySchema, LoginBodySchema, MeViewSchema,
  OtpLoginBodySchema, RegisterBodySchema, RejectVerificationBodySchema, RequestOtpBodySchema, RequestOtpResponseSchema,
  SessionViewSchema, SetRolesBodySchema, SubmitVerificationBodySchema, UserViewSchema, VerificationPageSchema, VerificationViewSchema,
} from '@hotland/contracts'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { SESSION_COOKIE } from '../../platform/auth/actor.ts'
import type { AccountsService } from './service.ts'

export interface AccountsRoutesOptions {
  accounts: AccountsService
  cookieSecure: boolean
}

const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, 429: ErrorResponseSchema }
const tags = ['accounts']

export const accountsRoutes: FastifyPluginAsyncTypebox<AccountsRoutesOptions> = async (app, { accounts, cookieSecure }) => {
  const setSession = (reply: FastifyReply, s: { token: string; expiresAt: Date }) =>
    reply.setCookie(SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'lax', secure: cookieSecure, path: '/', expires: s.expiresAt })

  app.post('/otp', {
    schema: { tags, summary: 'Send a one-time code by SMS (at most 5 per number per hour)', body: RequestOtpBodySchema, response: { 202: RequestOtpResponseSchema, ...errors } },
  }, async (req, reply) => reply.status(202).send(await accounts.requestOtp(req.body.phone, req.body.purpose)))

  app.post('/register', {
    schema: { tags, summary: 'Register with phone, SMS code and password; logs in', body: RegisterBodySchema, response: { 201: UserViewSchema, ...errors } },
  }, async (req, reply) => {
    const { user, session } = await accounts.register(req.body)
    setSession(reply, session)
    return reply.status(201).send(user)
  })

  app.post('/login', {
    schema: { tags, summary: 'Log in with phone and password (throttled after 5 failures)', body: LoginBodySchema, response: { 200: UserViewSchema, ...errors } },
  }, async (req, reply) => {
    const { user, session } = await accounts.login(req.body.phone, req.body.password)
    setSession(reply, session)
    return user
  })

  app.post('/login/otp', {
    schema: { tags, summary: 'Log in with phone and SMS code', body: OtpLoginBodySchema, response: { 200: UserViewSchema, ...errors } },
  }, async (req, reply) => {
    const { user, session } = await accounts.loginWithOtp(req.body.phone, req.body.code)
    setSession(reply, session)
    return user
  })

  app.post('/logout', { schema: { tags, summary: 'Log out (ends the server-side session)', response: { 204: Type.Null({ description: 'Logged out' }) } } }, async (req, reply) => {
    await accounts.logout(req.sessionToken)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.status(204).send(null)
  })

  app.get('/me', { schema: { tags, summary: 'The logged-in user', response: { 200: MeViewSchema, ...errors } } },
    async (req) => accounts.me(req.actor))

  app.get('/session', { schema: { tags, summary: 'Who is logged in, or null (no 401 for a visitor)', response: { 200: SessionViewSchema, ...errors } } },
    async (req) => ({ me: req.actor ? await accounts.me(req.actor) : null }))

  app.get('/users/lookup', {
    schema: { tags, summary: 'Find a user by phone (platform admin)', querystring: FindUserQuerySchema, response: { 200: UserViewSchema, ...errors } },
  }, async (req) => accounts.lookupByPhone(req.actor, req.query.phone))

  app.put('/users/:id/roles', {
    schema: { tags, summary: 'Set a user\'s roles (platform admin)', params: IdParamsSchema, body: SetRolesBodySchema, response: { 200: UserViewSchema, ...errors } },
  }, async (req) => accounts.setRoles(req.actor, req.params.id, req.body.roles))

  app.post('/me/verification', {
    schema: { tags, summary: 'Submit real-name verification (needed before going live)', body: SubmitVerificationBodySchema, response: { 201: VerificationViewSchema, ...errors } },
  }, async (req, reply) => reply.status(201).send(await accounts.submitVerification(req.actor, req.body)))

  app.get('/verifications', {
    schema: { tags, summary: 'Real-name requests of my counties (commissioner) or all (admin)', querystring: ListVerificationsQuerySchema, response: { 200: VerificationPageSchema, ...errors } },
  }, async (req) => accounts.listVerifications(req.actor, req.query))

  app.post('/verifications/:id/approve', {
    schema: { tags, summary: 'Approve a real-name request', params: IdParamsSchema, response: { 200: VerificationViewSchema, ...errors } },
  }, async (req) => accounts.approveVerification(req.actor, req.params.id))

  app.post('/verifications/:id/reject', {
    schema: { tags, summary: 'Reject a real-name request with a reason', params: IdParamsSchema, body: RejectVerificationBodySchema, response: { 200: VerificationViewSchema, ...errors } },
  }, async (req) => accounts.rejectVerification(req.actor, req.params.id, req.body.reason))
}
