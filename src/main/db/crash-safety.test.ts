import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from './open-database'
import { makeTempDir, MIGRATIONS_DIR } from './test-support/temp-files'

const WRITER = fileURLToPath(new URL('./test-support/crash-writer.ts', import.meta.url))
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const KILLS = 10

/** Runs the writer until it has committed at least one row, waits a random moment, SIGKILLs it. */
function runAndKill(file: string): Promise<{ lastReported: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, MIGRATIONS_DIR], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let lastReported = 0
    let buffered = ''
    let stderr = ''
    let timer: NodeJS.Timeout | undefined
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const match = /^committed (\d+)$/.exec(line)
        if (match) lastReported = Number(match[1])
        if (/^ready /.test(line) && !timer) timer = setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 180)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own (${String(signal)}): ${stderr}`))
      else resolve({ lastReported })
    })
  })
}

describe('crash safety (security.md R17), through the database worker', () => {
  const temp = makeTempDir()
  afterAll(() => temp.cleanup())

  it(`SIGKILL during writes never loses a committed row nor corrupts the database (${KILLS} kills)`, async () => {
    const file = join(temp.dir, 'crash.db')
    let total = 0
    for (let round = 0; round < KILLS; round++) {
      const { lastReported } = await runAndKill(file)
      const db = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: 'crash-test' })
      try {
        expect((await db.client.execute('PRAGMA integrity_check')).rows.map((r) => r[0])).toEqual(['ok'])
        const { n, max } = (await db.client.execute('SELECT count(*) AS n, coalesce(max(n), 0) AS max FROM crash_rows')).rows[0]!
        expect(Number(n)).toBe(Number(max)) // a gap-free prefix 1..max
        expect(Number(max)).toBeGreaterThanOrEqual(lastReported) // nothing reported as committed was lost
        expect(Number(max)).toBeGreaterThanOrEqual(total)
        total = Number(max)
        // Every path wrote: raw, Prisma and the worker's bulk path (synchronous=NORMAL survives a kill too).
        if (round === KILLS - 1) expect((await db.client.execute('SELECT DISTINCT via FROM crash_rows ORDER BY via')).rows.map((r) => r.via)).toEqual(['bulk', 'prisma', 'raw'])
      } finally {
        await db.close()
      }
    }
    expect(total).toBeGreaterThan(KILLS) // the writer really did write between kills
  }, 120_000)
})
