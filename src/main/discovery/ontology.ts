import type { OntologyCategoriesDto, OntologyItemDto, OntologySkillsDto } from '@shared/contract/discovery'
import type { Database } from '../db/open-database'
import { toSqlDateTime } from '../db/sql-values'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import type { OperationContext } from '../upwork/operations/common'
import { listCategories, listSkills, MAX_SKILLS_PAGE } from '../upwork/operations/ontology'
import { BUILTIN_CATEGORIES, BUILTIN_SKILLS } from './ontology-builtin'

/**
 * Upwork's ontology (categories and skills) for the saved-search and profile pickers. Fetched
 * through the read-only client, cached in SQLite (AppState, not job content) and refreshed when
 * older than a week; when Upwork cannot be asked (not connected, offline) the cached lists are
 * used, else a small built-in list. A failed fetch is not retried for `RETRY_AFTER_MS` (a minute),
 * so typing in a picker never hammers the API, and a user who just connected gets Upwork's lists soon.
 */

export const ONTOLOGY_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000
export const RETRY_AFTER_MS = 60 * 1000
/** At most this many skill pages per refresh (MAX_SKILLS_PAGE each): a bound on the API budget one refresh may use. */
export const MAX_SKILL_PAGES = 40

const KEY = { categories: 'ontology.categories', skills: 'ontology.skills' } as const
type Kind = keyof typeof KEY

interface Cached<T> {
  fetchedAt: number
  items: T[]
}
type CategoryItem = OntologyCategoriesDto['items'][number]

export interface OntologyDeps {
  db: Pick<Database, 'client'>
  reads: OperationContext
  clock: Clock
  logger: Logger
}

const norm = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim()

/** Best first: exact label, then label prefix, then a word of the label starting with the query, then anywhere. */
export function rankSkills(items: readonly OntologyItemDto[], query: string, limit: number): OntologyItemDto[] {
  const q = norm(query)
  if (q === '') return items.slice(0, limit)
  const scored: Array<{ item: OntologyItemDto; rank: number }> = []
  for (const item of items) {
    const label = norm(item.label)
    const at = label.indexOf(q)
    if (at < 0) continue
    const rank = label === q ? 0 : at === 0 ? 1 : /[^a-z0-9]/.test(label[at - 1] ?? '') ? 2 : 3
    scored.push({ item, rank })
  }
  scored.sort((a, b) => a.rank - b.rank || a.item.label.length - b.item.label.length || a.item.label.localeCompare(b.item.label))
  return scored.slice(0, limit).map((s) => s.item)
}

export class OntologyService {
  private readonly memory: { categories?: Cached<CategoryItem>; skills?: Cached<OntologyItemDto> } = {}
  private readonly inFlight = new Map<Kind, Promise<unknown>>()
  private readonly failedAt = new Map<Kind, number>()
  private readonly log: Logger

  constructor(private readonly deps: OntologyDeps) {
    this.log = deps.logger.child('ontology')
  }

  async categories(): Promise<OntologyCategoriesDto> {
    const cached = await this.load('categories', async () => {
      const { categories, skipped } = await listCategories(this.deps.reads)
      if (skipped > 0) this.log.warn('ontology categories skipped as unreadable', { skipped })
      return categories.map((c) => ({ id: c.id, label: c.label, subcategories: c.subcategories.map((s) => ({ id: s.id, label: s.label })) }))
    })
    return cached ? { items: cached.items, source: 'upwork', fetchedAt: cached.fetchedAt } : { items: [...BUILTIN_CATEGORIES], source: 'builtin', fetchedAt: null }
  }

  async skills(input: { query: string; limit: number; ids?: readonly string[] | null }): Promise<OntologySkillsDto> {
    const cached = await this.load('skills', () => this.fetchSkills())
    const all = cached?.items ?? BUILTIN_SKILLS
    const meta = cached ? { source: 'upwork' as const, fetchedAt: cached.fetchedAt } : { source: 'builtin' as const, fetchedAt: null }
    if (input.ids) {
      const byId = new Map([...BUILTIN_SKILLS, ...all].map((s) => [s.id, s]))
      return { items: input.ids.map((id) => byId.get(id) ?? { id, label: id }), ...meta }
    }
    return { items: rankSkills(all, input.query, input.limit), ...meta }
  }

  private async fetchSkills(): Promise<OntologyItemDto[]> {
    const items: OntologyItemDto[] = []
    let skipped = 0
    for (let page = 0; page < MAX_SKILL_PAGES; page++) {
      const res = await listSkills(this.deps.reads, MAX_SKILLS_PAGE, page * MAX_SKILLS_PAGE)
      skipped += res.skipped
      for (const s of res.skills) items.push({ id: s.id, label: s.prettyName ?? s.label })
      if (res.skills.length + res.skipped < MAX_SKILLS_PAGE) break
    }
    if (skipped > 0) this.log.warn('ontology skills skipped as unreadable', { skipped })
    return items
  }

  /** The cached list (memory, then SQLite), refreshed from Upwork when missing or older than a week; null: none at all. */
  private async load<T>(kind: Kind, fetch: () => Promise<T[]>): Promise<Cached<T> | null> {
    const now = this.deps.clock.now()
    const stored = (this.memory[kind] as Cached<T> | undefined) ?? (await this.read<T>(kind))
    if (stored) (this.memory as Record<Kind, Cached<T>>)[kind] = stored
    const fresh = stored && now - stored.fetchedAt < ONTOLOGY_MAX_AGE_MS
    const failed = this.failedAt.get(kind)
    if (fresh || (failed !== undefined && now - failed < RETRY_AFTER_MS)) return stored ?? null
    let running = this.inFlight.get(kind) as Promise<Cached<T> | null> | undefined
    if (!running) {
      running = fetch()
        .then(async (items) => {
          const next = { fetchedAt: this.deps.clock.now(), items }
          await this.write(kind, next)
          ;(this.memory as Record<Kind, Cached<T>>)[kind] = next
          this.failedAt.delete(kind)
          return next
        })
        .catch((e: unknown) => {
          this.failedAt.set(kind, this.deps.clock.now())
          this.log.info('ontology not refreshed from Upwork; using the cached or built-in list', { kind, error: e instanceof Error ? e.message : String(e) })
          return stored ?? null
        })
        .finally(() => this.inFlight.delete(kind))
      this.inFlight.set(kind, running)
    }
    return running
  }

  private async read<T>(kind: Kind): Promise<Cached<T> | undefined> {
    const row = (await this.deps.db.client.execute({ sql: `SELECT "value" FROM "AppState" WHERE "key" = ?`, args: [KEY[kind]] })).rows[0]
    if (!row) return undefined
    try {
      const value = JSON.parse(String(row.value)) as Cached<T>
      return typeof value.fetchedAt === 'number' && Array.isArray(value.items) ? value : undefined
    } catch {
      return undefined
    }
  }

  private async write<T>(kind: Kind, value: Cached<T>): Promise<void> {
    await this.deps.db.client.execute({
      sql: `INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (?, ?, ?) ON CONFLICT("key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"`,
      args: [KEY[kind], JSON.stringify(value), toSqlDateTime(value.fetchedAt)]
    })
  }
}

/** The ontology channels, composed into the discovery module's handlers. */
export function ontologyHandlers(deps: OntologyDeps): {
  'ontology:categories': () => Promise<OntologyCategoriesDto>
  'ontology:skills': (input: { query: string; limit: number; ids: string[] | null }) => Promise<OntologySkillsDto>
} {
  const service = new OntologyService(deps)
  return {
    'ontology:categories': () => service.categories(),
    'ontology:skills': (input) => service.skills(input)
  }
}
