import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { MessageStore } from './message-store'

/** A real SQLite file with the shipped migrations. */
const temp = makeTempDir('gigpilot-link-title-')
let db: Database
let store: MessageStore
beforeAll(async () => {
  db = await openDatabase({ file: join(temp.dir, 'gigpilot.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
  store = new MessageStore(db)
})
afterAll(async () => {
  await db.close()
  temp.cleanup()
})

const proposal = async (title: string, upworkJobId: string, text: string): Promise<number> => {
  const r = await db.client.execute({ sql: `INSERT INTO "Proposal" ("jobTitle", "upworkJobId", "coverLetter", "updatedAt") VALUES (?, ?, ?, CURRENT_TIMESTAMP) RETURNING "id"`, args: [title, upworkJobId, text] })
  return Number(r.rows[0]!.id)
}
const job = async (title: string, upworkId: string): Promise<number> => {
  const r = await db.client.execute({
    sql: `INSERT INTO "Job" ("upworkId", "ciphertext", "title", "description", "jobType", "publishedAt", "fetchedAt", "updatedAt") VALUES (?, ?, ?, 'd', 'FIXED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING "id"`,
    args: [upworkId, `~${upworkId}`, title]
  })
  return Number(r.rows[0]!.id)
}

describe('MessageStore.linkByTitle: a room is linked by its title only when the title names one job', () => {
  it('one job with that title: linked; two clients\' jobs with the same title: no link (not the other client\'s proposal); one job proposed to twice: the newest', async () => {
    const only = await proposal('Electron offline sync', 'job-1', 'To client A')
    expect(await store.linkByTitle('Electron offline sync')).toEqual({ proposalId: only, jobId: null })

    await proposal('Logo design', 'job-2', 'To client A: my logo portfolio')
    await proposal('Logo design', 'job-3', 'To client B')
    expect(await store.linkByTitle('Logo design')).toEqual({ proposalId: null, jobId: null })

    await proposal('Landing page', 'job-4', 'First try')
    const again = await proposal('Landing page', 'job-4', 'Sent again')
    expect(await store.linkByTitle('Landing page')).toEqual({ proposalId: again, jobId: null })

    const j = await job('Data pipeline', '100')
    expect(await store.linkByTitle('Data pipeline')).toEqual({ proposalId: null, jobId: j })
    await job('Data pipeline', '101')
    expect(await store.linkByTitle('Data pipeline')).toEqual({ proposalId: null, jobId: null })
  })
})
