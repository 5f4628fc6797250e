import { z } from 'zod'
import { isUserText, type UserText } from '@shared/i18n'
import type { ProbedCapabilities } from './capabilities'
import { readJsonFile, writeJsonFileAtomic } from './json-file'

/**
 * The non-secret facts about the Upwork connection that should survive a restart: who is signed
 * in, which organizations they have, the chosen tenant, what the key can do, and whether the
 * sign-in must be renewed. Never tokens or the client secret (those live in the SecretStore).
 */
export interface PersistedAccount {
  state: 'connected' | 'disconnected' | 'reconnect_needed'
  userName?: string
  userId?: string
  organizations?: Array<{ id: string; name: string }>
  /** The organization picked with selectOrganization; absent = use settings.upwork.tenantId. */
  tenantId?: string | null
  capabilities?: ProbedCapabilities
  /** In English, as it was when it happened (older files have only this). */
  lastError?: string
  /** The same as a text, rendered in the language in force when the summary is read. */
  lastErrorText?: UserText
  connectedAt?: number
}

export interface AccountSummaryStore {
  load(): Promise<PersistedAccount | null>
  save(account: PersistedAccount): Promise<void>
}

const capabilityStatus = z.object({
  available: z.union([z.boolean(), z.literal('unknown')]),
  reason: z.string().optional(),
  reasonText: z.custom<UserText>(isUserText).optional()
})

const persistedSchema = z.object({
  state: z.enum(['connected', 'disconnected', 'reconnect_needed']),
  userName: z.string().optional(),
  userId: z.string().optional(),
  organizations: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
  tenantId: z.string().nullable().optional(),
  capabilities: z
    .object({
      jobsRead: capabilityStatus,
      jobDetails: capabilityStatus,
      profileRead: capabilityStatus,
      ontologyRead: capabilityStatus,
      messagesRead: capabilityStatus,
      messagesWrite: capabilityStatus,
      proposalsRead: capabilityStatus,
      proposalSubmit: capabilityStatus,
      checkedAt: z.number()
    })
    .optional(),
  lastError: z.string().optional(),
  lastErrorText: z.custom<UserText>(isUserText).optional(),
  connectedAt: z.number().optional()
})

/**
 * One JSON file (written atomically, fsynced). An unreadable file reads as "nothing saved". The
 * file is read once and then served from memory (every Upwork request asks for the chosen
 * organization); this process is its only writer.
 */
export class JsonFileAccountSummaryStore implements AccountSummaryStore {
  private cached: Promise<PersistedAccount | null> | null = null

  constructor(private readonly path: string) {}

  async load(): Promise<PersistedAccount | null> {
    this.cached ??= this.read()
    const value = await this.cached
    return value ? structuredClone(value) : null
  }

  async save(account: PersistedAccount): Promise<void> {
    const value = persistedSchema.parse(account)
    await writeJsonFileAtomic(this.path, value)
    this.cached = Promise.resolve(value)
  }

  private async read(): Promise<PersistedAccount | null> {
    try {
      const parsed = persistedSchema.safeParse(await readJsonFile(this.path))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }
}

/** For tests and for running without a data directory. */
export class MemoryAccountSummaryStore implements AccountSummaryStore {
  private value: PersistedAccount | null = null

  async load(): Promise<PersistedAccount | null> {
    return this.value ? structuredClone(this.value) : null
  }

  async save(account: PersistedAccount): Promise<void> {
    this.value = structuredClone(account)
  }
}
