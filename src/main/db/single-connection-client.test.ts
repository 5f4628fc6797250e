import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import { afterEach, describe, expect, it } from 'vitest'
import { toLibsqlFileUrl } from './libsql-url'
import { CONNECTION_PRAGMAS, readClientPragmas } from './pragmas'
import { SingleConnectionClient } from './single-connection-client'
import { makeTempDir } from './test-support/temp-files'

const openFds = (): number => readdirSync('/proc/self/fd').length
const onLinux = process.platform === 'linux'

describe('SingleConnectionClient', () => {
  let cleanup = (): void => undefined
  afterEach(() => cleanup())

  function open(): { client: SingleConnectionClient; file: string } {
    const temp = makeTempDir()
    cleanup = temp.cleanup
    const file = join(temp.dir, 'test.db')
    return { client: new SingleConnectionClient({ url: toLibsqlFileUrl(file) }, CONNECTION_PRAGMAS), file }
  }

  it('keeps its pragmas after transactions (the stock libsql client does not)', async () => {
    const { client, file } = open()
    await client.execute('PRAGMA journal_mode = WAL')
    for (let i = 0; i < 3; i++) {
      const tx = await client.transaction('write')
      await tx.execute('SELECT 1')
      await tx.commit()
    }
    expect(await readClientPragmas(client)).toEqual({ busyTimeout: 5000, journalMode: 'wal', foreignKeys: 1, synchronous: 2 })
    client.close()

    // The behaviour this class exists to avoid, shown on the stock client:
    const stock = createClient({ url: toLibsqlFileUrl(file) })
    await stock.execute('PRAGMA synchronous = NORMAL')
    const tx = await stock.transaction('write')
    await tx.commit()
    expect((await readClientPragmas(stock)).synchronous).toBe(2) // back to the default: a new connection
    stock.close()
  })

  it.runIf(onLinux)('does not open a connection per transaction', async () => {
    const { client } = open()
    await client.execute('CREATE TABLE t (x INTEGER)')
    const before = openFds()
    for (let i = 0; i < 200; i++) {
      const tx = await client.transaction('write')
      await tx.execute({ sql: 'INSERT INTO t VALUES (?)', args: [i] })
      await tx.commit()
    }
    expect(openFds() - before).toBeLessThan(5)
    expect((await client.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(200)
    client.close()
  })

  it('makes other callers wait while a transaction is open, and rolls back on rollback()', async () => {
    const { client } = open()
    await client.execute('CREATE TABLE t (x INTEGER)')
    const tx = await client.transaction('write')
    await tx.execute('INSERT INTO t VALUES (1)')
    let outsideDone = false
    const outside = client.execute('SELECT count(*) AS n FROM t').then((r) => {
      outsideDone = true
      return r.rows[0]?.n
    })
    // The outside call was made first: without the lock it would finish before this later statement.
    await tx.execute('INSERT INTO t VALUES (2)')
    expect(outsideDone).toBe(false)
    await tx.rollback()
    // On the one shared connection, a read during the transaction would have counted its rows.
    expect(await outside).toBe(0)
  })

  it('runs a multi-statement script inside a transaction, all or nothing', async () => {
    const { client } = open()
    await client.execute('CREATE TABLE t (x INTEGER)')
    const tx = await client.transaction('write')
    await expect(tx.executeMultiple('INSERT INTO t VALUES (1); INSERT INTO nope VALUES (2);')).rejects.toThrow(/no such table/)
    await tx.rollback()
    expect((await client.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(0)

    const ok = await client.transaction('write')
    await ok.executeMultiple('INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);')
    await ok.commit()
    expect((await client.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(2)
  })

  it('undoes a transaction whose COMMIT fails (deferred foreign key violation) and stays usable', async () => {
    const { client } = open()
    await client.executeMultiple('CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);')
    const tx = await client.transaction('write')
    await tx.execute('INSERT INTO c VALUES (42)')
    await expect(tx.commit()).rejects.toThrow(/FOREIGN KEY/)
    expect(tx.closed).toBe(true)
    expect((await client.execute('SELECT count(*) AS n FROM c')).rows[0]?.n).toBe(0)
  })
})
