import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { useFakeUpwork } from '../test-support/fake-upwork'
import { createMemoryLogger } from '../test-support/memory-logger'
import { createHarness, connectWithFakeKey, type Harness } from '../upwork/test-support/connection-harness'
import { BUILTIN_CATEGORIES } from './ontology-builtin'
import { ONTOLOGY_MAX_AGE_MS, OntologyService, rankSkills, RETRY_AFTER_MS } from './ontology'

/** The pickers' ontology against the fake Upwork, cached in a real SQLite file. */

const upwork = useFakeUpwork({ autoApprove: true })
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function setup(options: { connect?: boolean } = {}) {
  const temp = makeTempDir()
  const h: Harness = await createHarness(upwork.fake)
  if (options.connect !== false) await connectWithFakeKey(h)
  const file = join(temp.dir, 'd.db')
  const dbs: Database[] = []
  const openDb = async (): Promise<Database> => {
    const db = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    dbs.push(db)
    return db
  }
  const service = async (): Promise<OntologyService> => new OntologyService({ db: await openDb(), reads: h.connection.operations, clock: h.clock, logger: createMemoryLogger() })
  cleanups.push(async () => {
    for (const db of dbs) await db.close()
    await h.cleanup()
    temp.cleanup()
  })
  upwork.fake.clearRequests()
  const ontologyRequests = (): number => upwork.fake.requests.filter((r) => r.operationName === 'ListSkills' || r.operationName === 'ListCategories').length
  return { h, service, ontologyRequests }
}

describe('ontology for the pickers', () => {
  it('connected: categories and skills come from Upwork, skills searchable (best match first) and looked up by id', async () => {
    const t = await setup()
    const o = await t.service()
    const cats = await o.categories()
    expect(cats.source).toBe('upwork')
    expect(cats.items.map((c) => c.id)).toEqual(upwork.fake.data.categories.map((c) => c.id))
    expect(cats.items[0]!.subcategories.length).toBeGreaterThan(0)

    const react = upwork.fake.data.skills.find((s) => s.prettyName === 'React')!
    const found = await o.skills({ query: 'reac', limit: 5 })
    expect(found.source).toBe('upwork')
    expect(found.items[0]).toEqual({ id: react.id, label: 'React' })
    const byId = await o.skills({ query: '', limit: 5, ids: [react.id, 'gone'] })
    expect(byId.items).toEqual([{ id: react.id, label: 'React' }, { id: 'gone', label: 'gone' }])
  })

  it('pages through every skill (500 a page) until a short page', async () => {
    const extra = Array.from({ length: 700 }, (_, i) => ({ id: `9${String(i).padStart(8, '0')}`, ontologyId: `upwork:x${i}`, name: `extra-${i}`, prettyName: `Extra Skill ${i}` }))
    const skills = upwork.fake.data.skills
    const before = skills.length
    skills.push(...extra)
    try {
      const t = await setup()
      const o = await t.service()
      const res = await o.skills({ query: 'Extra Skill 699', limit: 3 })
      expect(res.items[0]!.label).toBe('Extra Skill 699')
      expect(upwork.fake.requests.filter((r) => r.operationName === 'ListSkills')).toHaveLength(Math.floor(skills.length / 500) + 1)
    } finally {
      skills.splice(before)
    }
  })

  it('cached in SQLite: a restart answers without asking Upwork; after a week it refreshes', async () => {
    const t = await setup()
    await (await t.service()).skills({ query: 'react', limit: 5 })
    await (await t.service()).categories()
    upwork.fake.clearRequests()
    const restarted = await t.service()
    expect((await restarted.skills({ query: 'react', limit: 5 })).source).toBe('upwork')
    expect((await restarted.categories()).source).toBe('upwork')
    expect(t.ontologyRequests()).toBe(0)

    t.h.clock.offset += ONTOLOGY_MAX_AGE_MS + 60_000
    const later = await t.service()
    const res = await later.skills({ query: 'react', limit: 5 })
    expect(t.ontologyRequests()).toBeGreaterThan(0)
    expect(res.fetchedAt).toBeGreaterThan(Date.now() + ONTOLOGY_MAX_AGE_MS - 5 * 60_000)
  })

  it('not connected: the built-in list, and Upwork is not asked again for a minute', async () => {
    const t = await setup({ connect: false })
    const o = await t.service()
    const cats = await o.categories()
    expect(cats).toEqual({ items: BUILTIN_CATEGORIES, source: 'builtin', fetchedAt: null })
    const skills = await o.skills({ query: 'typescr', limit: 5 })
    expect(skills.source).toBe('builtin')
    expect(skills.items[0]).toEqual({ id: 'builtin:typescript', label: 'TypeScript' })
    expect(skills.items.every((s) => s.id.startsWith('builtin:'))).toBe(true)

    // Connected now, but within the retry pause the built-in list stays; after it, Upwork's.
    await connectWithFakeKey(t.h)
    upwork.fake.clearRequests()
    expect((await o.skills({ query: 'react', limit: 5 })).source).toBe('builtin')
    expect(t.ontologyRequests()).toBe(0)
    t.h.clock.offset += RETRY_AFTER_MS + 1000
    expect((await o.skills({ query: 'react', limit: 5 })).source).toBe('upwork')
  })

  it('a failed refresh keeps the stale cached list (never an empty picker)', async () => {
    const t = await setup()
    await (await t.service()).skills({ query: 'react', limit: 5 })
    t.h.clock.offset += ONTOLOGY_MAX_AGE_MS + 60_000
    upwork.fake.faults.next({ kind: 'forbidden' }, { operation: 'ListSkills', count: 5 })
    const res = await (await t.service()).skills({ query: 'react', limit: 5 })
    expect(res.source).toBe('upwork')
    expect(res.items.map((s) => s.label)).toContain('React')
    expect(res.fetchedAt).toBeLessThan(Date.now())
  })

  it('concurrent first calls share one fetch', async () => {
    const t = await setup()
    const o = await t.service()
    await Promise.all([o.categories(), o.categories(), o.categories()])
    expect(upwork.fake.requests.filter((r) => r.operationName === 'ListCategories')).toHaveLength(1)
  })
})

describe('rankSkills', () => {
  const items = ['React Native', 'Preact', 'React', 'Redux', 'Reactive Programming'].map((label) => ({ id: label, label }))
  it('exact, then prefix (shorter first), then word start, then anywhere; accents and case ignored', () => {
    expect(rankSkills(items, 'react', 10).map((s) => s.label)).toEqual(['React', 'React Native', 'Reactive Programming', 'Preact'])
    expect(rankSkills([{ id: 'c', label: 'Café Design' }], 'cafe', 5)).toHaveLength(1)
    expect(rankSkills(items, '', 2)).toHaveLength(2)
  })
})
