import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { Translate } from '@shared/i18n'
import type { Settings } from '@shared/settings'
import { profilePatchSchema, savedSearchInputSchema, type SavedSearchInput } from '@shared/discovery'
import type { SecretStorageStatus } from '@shared/types'
import { AppError } from '../core/app-error'
import type { Handlers } from '../core/domain-module'
import type { Clock } from '../ports/clock'
import type { Notifier } from '../ports/notifier'
import { MemorySecretStore } from '../secrets/memory-secret-store'
import type { SecretStore } from '../secrets/secret-store'
import type { SettingsStore } from '../settings/settings-store'
import { JsonFileAccountSummaryStore } from '../upwork/account-summary-store'

/**
 * What makes a data folder the demo workspace: its state file, a connected-looking "Demo
 * account" (demo tokens in a memory secret store: the user's keychain is never read or written),
 * a sample freelancer profile, two saved searches that run every minute, and notifications that
 * say they come from the demo. The workspace host (app/workspace-host.ts) decides when.
 */

/** The demo's folder inside the real data folder (deleted whole when the user leaves). */
export const DEMO_DIR_NAME = 'demo-workspace'
const STATE_FILE = 'demo.json'

const stateSchema = z.object({ startedAt: z.number(), seeded: z.boolean() })
export type DemoState = z.infer<typeof stateSchema>

/** The demo's state (created on first open: the sample jobs' clock starts then). */
export async function openDemoState(dir: string, clock: Clock): Promise<DemoState> {
  // The logs folder too: electron-log keeps one file object per path for the process's life and
  // makes its folder only the first time, so a second visit (the folder deleted on leaving) would log nowhere.
  await mkdir(join(dir, 'logs'), { recursive: true, mode: 0o700 })
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')))
    if (parsed.success) return parsed.data
  } catch {
    // Absent or unreadable: a new demo starts now.
  }
  const state = { startedAt: clock.now(), seeded: false }
  await writeDemoState(dir, state)
  return state
}

export async function writeDemoState(dir: string, state: DemoState): Promise<void> {
  const file = join(dir, STATE_FILE)
  await writeFile(`${file}.tmp`, JSON.stringify(state), { mode: 0o600 })
  await rename(`${file}.tmp`, file)
}

/**
 * The demo's secrets: in memory, holding only demo values (random, so the log redactor they are
 * registered with cannot match ordinary words). Seeded at every open, so the demo account stays
 * connected across restarts without anything on disk or in the keychain.
 */
export async function demoSecrets(clock: Clock, t: Translate): Promise<{ store: SecretStore; status: SecretStorageStatus }> {
  const store = new MemorySecretStore()
  const tag = randomBytes(12).toString('hex')
  await store.set('upwork.clientId', `demo-client-${tag}`)
  await store.set('upwork.clientSecret', `demo-secret-${tag}`)
  const expiresAt = clock.now() + 365 * 24 * 60 * 60_000
  await store.set('upwork.accessToken', JSON.stringify({ token: `demo-access-${tag}`, expiresAt, refreshAt: expiresAt - 60 * 60_000 }))
  await store.set('upwork.refreshToken', `demo-refresh-${tag}`)
  // Nothing to lose at restart (the demo seeds them again), so no "secrets are not saved" banner.
  return { store, status: { backend: 'memory', persistent: true, message: t('demo.secrets') } }
}

/** Writes the connected "Demo account" where the Upwork connection reads its account facts. */
export async function writeDemoAccount(accountFile: string, clock: Clock, t: Translate): Promise<void> {
  if (existsSync(accountFile)) return
  await new JsonFileAccountSummaryStore(accountFile).save({
    state: 'connected',
    userName: t('demo.account.name'),
    userId: DEMO_USER_ID,
    organizations: [{ id: DEMO_ORG_ID, name: t('demo.account.name') }],
    tenantId: DEMO_ORG_ID,
    connectedAt: clock.now()
  })
}

export const DEMO_PROFILE = {
  name: 'Alex Demo',
  title: 'Full-stack JavaScript developer (React, Node.js, TypeScript)',
  bio: 'Eight years building web apps for SaaS companies: React front ends, Node.js APIs, PostgreSQL, AWS. I care about tests, accessibility and shipping in small steps.',
  skills: ['React', 'TypeScript', 'Node.js', 'Next.js', 'PostgreSQL', 'GraphQL', 'Playwright', 'AWS'],
  hourlyRate: 55,
  minFixedBudget: 500,
  yearsExperience: 8,
  portfolio: [{ title: 'Analytics dashboard for a logistics SaaS', description: 'React + D3, 40k daily users.', url: null }],
  avoidCountries: [],
  negativeKeywords: ['equity only', 'unpaid']
}

export const DEMO_SEARCHES: readonly SavedSearchInput[] = [
  { name: 'React', filters: { query: 'React' }, intervalMinutes: 1 },
  { name: 'Node.js', filters: { query: 'Node.js' }, intervalMinutes: 1 }
]

/**
 * First open only: the sample profile, the two searches (the poller starts them at once), the
 * settings a newcomer's minute needs (onboarding done, the user's language, a notification
 * threshold the sample jobs reach). Through the same handlers the renderer calls.
 */
export async function seedDemoContent(deps: { handlers: Handlers; settings: SettingsStore; language: Settings['language'] }): Promise<void> {
  deps.settings.update({ onboardingCompleted: true, language: deps.language, notifications: { minScore: 50 } })
  await deps.handlers['profile:update'](profilePatchSchema.parse(DEMO_PROFILE))
  for (const search of DEMO_SEARCHES) await deps.handlers['searches:create'](savedSearchInputSchema.parse(search))
}

/** Notifications from the demo say so ("Demo: 5 new jobs match 'React'"). */
export function demoNotifier(inner: Notifier, t: Translate): Notifier {
  return { notify: (n) => inner.notify({ ...n, title: t('demo.notification.title', { title: n.title }) }) }
}

/** The demo account's ids (its name is rendered when read: it follows the language in force). */
export const DEMO_USER_ID = 'demo-user'
export const DEMO_ORG_ID = 'demo-org'

/** Where a sample job's "Open on Upwork" would go: no such page exists on upwork.com. */
export function isDemoJobUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false
  try {
    const parsed = new URL(url)
    return /(^|\.)upwork\.com$/.test(parsed.hostname) && /^\/jobs\/[^/]*~02demo/i.test(decodeURIComponent(parsed.pathname))
  } catch {
    return false
  }
}

/** An account summary with the demo account's name in the language in force (anything else as it is). */
export function localizeDemoAccount<T>(value: T, t: Translate): T {
  if (!value || typeof value !== 'object') return value
  const summary = value as { userId?: unknown; userName?: unknown; organizations?: unknown }
  if (summary.userId !== DEMO_USER_ID) return value
  const name = t('demo.account.name')
  const organizations = Array.isArray(summary.organizations)
    ? (summary.organizations as Array<{ id: string; name: string }>).map((o) => (o.id === DEMO_ORG_ID ? { ...o, name } : o))
    : summary.organizations
  return { ...value, userName: name, ...(organizations === undefined ? {} : { organizations }) }
}

type AnyHandler = (input: unknown) => unknown

/**
 * The demo's answer to a channel, given the core's handler: a sign-in would open Upwork's real
 * page (refused: the demo has its sample account, leaving the demo is the way to connect), a
 * sample job's link goes nowhere (refused: it is a sample job), and the account is named in the
 * language in force. Every other channel is the core's own.
 */
export function demoHandler(channel: string, handler: AnyHandler, t: Translate): AnyHandler {
  if (channel === 'upwork:connect') return () => Promise.reject(new AppError('unavailable', 'demo.err.connect'))
  if (channel === 'shell:openExternal') {
    return (input) => (isDemoJobUrl((input as { url?: unknown } | undefined)?.url) ? Promise.reject(new AppError('unavailable', 'demo.err.sampleJob')) : handler(input))
  }
  if (channel.startsWith('upwork:')) return async (input) => localizeDemoAccount(await handler(input), t)
  return handler
}
