import { z } from 'zod'
import { cleanShortText } from '../sanitize'
import type { CompanyChoice, UpworkOrganization, UpworkUser } from '../types'
import { defineOperation, nullableString, parseEach, parseOrThrow, rootField, run, text, type OperationContext } from './common'

/** The signed-in user (`user`), their current organization (`organization`) and the organizations they can act for (`companySelector`). */

export const GET_CURRENT_USER = defineOperation(
  'query',
  'GetCurrentUser',
  `query GetCurrentUser {
  user { id nid rid name email photoUrl ciphertext }
}`
)

export const GET_ORGANIZATION = defineOperation(
  'query',
  'GetOrganization',
  `query GetOrganization {
  organization { id name type legacyType }
}`
)

export const LIST_ORGANIZATIONS = defineOperation(
  'query',
  'ListOrganizations',
  `query ListOrganizations {
  companySelector { items { organizationId title typeTitle } }
}`
)

/** One request for what connect() needs: who, which organization, which organizations. */
export const GET_ACCOUNT_INFO = defineOperation(
  'query',
  'GetAccountInfo',
  `query GetAccountInfo {
  user { id nid rid name email photoUrl ciphertext }
  organization { id name type legacyType }
  companySelector { items { organizationId title typeTitle } }
}`
)

const userSchema = z.object({
  id: z.string().min(1),
  nid: z.string(),
  rid: z.string(),
  name: nullableString,
  email: nullableString,
  photoUrl: nullableString,
  ciphertext: nullableString
})

const organizationSchema = z.object({
  id: z.string().min(1),
  name: nullableString,
  type: nullableString,
  legacyType: nullableString
})

const companyItemSchema = z.object({
  organizationId: z.string().min(1),
  title: z.string(),
  typeTitle: nullableString
})

const companySelectorSchema = z.object({ items: z.array(z.unknown()) })

function toUser(u: z.infer<typeof userSchema>): UpworkUser {
  return {
    id: u.id,
    nid: cleanShortText(u.nid, 200),
    rid: u.rid,
    name: text(u.name, 200),
    email: text(u.email, 320),
    photoUrl: u.photoUrl ?? null,
    ciphertext: u.ciphertext ?? null
  }
}

function toOrganization(o: z.infer<typeof organizationSchema>): UpworkOrganization {
  return { id: o.id, name: text(o.name, 200), type: o.type ?? null, legacyType: o.legacyType ?? null }
}

function toCompanyChoices(ctx: OperationContext, value: unknown, operation: string): CompanyChoice[] {
  const selector = parseOrThrow(companySelectorSchema, value, 'the list of organizations')
  return parseEach(
    selector.items,
    companyItemSchema,
    (i) => ({ organizationId: i.organizationId, title: cleanShortText(i.title, 200), typeTitle: text(i.typeTitle, 100) }),
    { logger: ctx.logger, operation }
  ).items
}

export async function getCurrentUser(ctx: OperationContext): Promise<UpworkUser> {
  const res = await run(ctx, GET_CURRENT_USER)
  return toUser(parseOrThrow(userSchema, rootField(res, 'user'), 'your Upwork user'))
}

export async function getOrganization(ctx: OperationContext): Promise<UpworkOrganization> {
  const res = await run(ctx, GET_ORGANIZATION)
  return toOrganization(parseOrThrow(organizationSchema, rootField(res, 'organization'), 'your organization'))
}

export async function listOrganizations(ctx: OperationContext): Promise<CompanyChoice[]> {
  const res = await run(ctx, LIST_ORGANIZATIONS)
  return toCompanyChoices(ctx, rootField(res, 'companySelector'), LIST_ORGANIZATIONS.name)
}

export interface AccountInfo {
  user: UpworkUser
  /** Null when this key may not read it (the rest still works). */
  organization: UpworkOrganization | null
  organizations: CompanyChoice[]
}

/** user is required; organization and companySelector are optional (a scope gap there must not block connecting). */
export async function getAccountInfo(ctx: OperationContext): Promise<AccountInfo> {
  const res = await run(ctx, GET_ACCOUNT_INFO)
  const user = toUser(parseOrThrow(userSchema, rootField(res, 'user'), 'your Upwork user'))
  const org = organizationSchema.safeParse(res.data?.organization)
  let organizations: CompanyChoice[] = []
  try {
    organizations = res.data?.companySelector ? toCompanyChoices(ctx, res.data.companySelector, GET_ACCOUNT_INFO.name) : []
  } catch {
    organizations = []
  }
  return { user, organization: org.success ? toOrganization(org.data) : null, organizations }
}
