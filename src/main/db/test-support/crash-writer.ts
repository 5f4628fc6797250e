/**
 * Child process for crash-safety.test.ts: opens the database like the app does, then commits
 * numbered rows one by one — in turn through the raw client, through Prisma, and through the
 * worker's bulk path as re-fetchable data (synchronous=NORMAL) — and prints `committed <n>` after
 * each commit returns, until it is killed.
 * Usage: node --import tsx crash-writer.ts <db file> <migrations dir>
 */
import { openDatabase } from '../open-database'

const [file, migrationsDir] = process.argv.slice(2)
if (!file || !migrationsDir) throw new Error('usage: crash-writer.ts <db file> <migrations dir>')

const db = await openDatabase({ file, migrationsDir, appVersion: 'crash-test' })
await db.client.execute('CREATE TABLE IF NOT EXISTS crash_rows (n INTEGER PRIMARY KEY, via TEXT NOT NULL, payload TEXT NOT NULL)')
let n = Number((await db.client.execute('SELECT coalesce(max(n), 0) AS n FROM crash_rows')).rows[0]?.n ?? 0)
process.stdout.write(`ready ${n}\n`)
const payload = 'x'.repeat(2000)
for (;;) {
  n++
  if (n % 3 === 1) {
    await db.client.execute({ sql: 'INSERT INTO crash_rows (n, via, payload) VALUES (?, ?, ?)', args: [n, 'raw', payload] })
  } else if (n % 3 === 2) {
    await db.prisma.$executeRaw`INSERT INTO crash_rows (n, via, payload) VALUES (${n}, 'prisma', ${payload})`
  } else {
    await db.bulkWrite([{ sql: 'INSERT INTO crash_rows (n, via, payload) VALUES (?, ?, ?)', argsList: [[n, 'bulk', payload]] }], { durability: 'refetchable' })
  }
  process.stdout.write(`committed ${n}\n`)
}
