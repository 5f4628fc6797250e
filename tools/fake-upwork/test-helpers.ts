/** Helpers for the fake's own tests: drive OAuth over real HTTP and post GraphQL. */
import type { FakeUpwork } from './index'
import { DEFAULT_CLIENT } from './server'

export const CLIENT_ID = DEFAULT_CLIENT.clientId
export const CLIENT_SECRET = DEFAULT_CLIENT.clientSecret
export const REDIRECT_URI = 'http://127.0.0.1:47615/upwork/callback'

export interface Tokens {
  access_token: string
  refresh_token: string
  token_type: string
  expires_in: number
}

export function authorizeUrl(fake: FakeUpwork, params: Record<string, string | undefined> = {}): string {
  const u = new URL(fake.authorizeUrl)
  const all: Record<string, string | undefined> = { response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state: 'st-123', ...params }
  for (const [k, v] of Object.entries(all)) if (v !== undefined) u.searchParams.set(k, v)
  return u.toString()
}

/** Open the consent page and click Allow (or Deny); returns the redirect target. */
export async function consent(fake: FakeUpwork, decision: 'allow' | 'deny', params: Record<string, string | undefined> = {}): Promise<URL> {
  const page = await fetch(authorizeUrl(fake, params), { redirect: 'manual' })
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}`)
  const html = await page.text()
  const href = new RegExp(`id="${decision}"[^>]*href="([^"]+)"`).exec(html)?.[1]
  if (!href) throw new Error(`no #${decision} link on the consent page`)
  const res = await fetch(new URL(href.replace(/&amp;/g, '&'), fake.url), { redirect: 'manual' })
  if (res.status !== 302) throw new Error(`decision answered ${res.status}`)
  return new URL(res.headers.get('location') ?? '')
}

export async function tokenRequest(fake: FakeUpwork, form: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(fake.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, ...form })
  })
  return { status: res.status, json: (await res.json()) as Record<string, unknown> }
}

/** Full authorization-code flow through the consent page. */
export async function signIn(fake: FakeUpwork): Promise<Tokens> {
  const back = await consent(fake, 'allow')
  const code = back.searchParams.get('code')
  if (!code) throw new Error('no code')
  const { status, json } = await tokenRequest(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI })
  if (status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(json)}`)
  return json as unknown as Tokens
}

export interface GqlResponse {
  status: number
  headers: Headers
  text: string
  json: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>; message?: string }
}

export async function gql(
  fake: FakeUpwork,
  token: string | null,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {}
): Promise<GqlResponse> {
  const res = await fetch(fake.graphqlUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables })
  })
  const text = await res.text()
  let json: GqlResponse['json'] = {}
  try {
    json = JSON.parse(text) as GqlResponse['json']
  } catch {
    json = {}
  }
  return { status: res.status, headers: res.headers, text, json }
}

/** Shorthand: data of a successful call, throwing on any error. */
export async function gqlData<T = Record<string, unknown>>(fake: FakeUpwork, token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await gql(fake, token, query, variables)
  if (r.status !== 200 || r.json.errors) throw new Error(`GraphQL failed (${r.status}): ${r.text.slice(0, 500)}`)
  return r.json.data as T
}
