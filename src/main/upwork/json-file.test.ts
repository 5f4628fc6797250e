import { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readJsonFile, writeJsonFileAtomic } from './json-file'

let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('writeJsonFileAtomic (through the one fsyncing writer in core/)', () => {
  it('replaces the file with mode 0600 and leaves no temporary file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gigpilot-json-'))
    const file = join(dir, 'sub', 'account.json')
    await writeJsonFileAtomic(file, { a: 1 })
    await writeJsonFileAtomic(file, { a: 2 })
    expect(await readJsonFile(file)).toEqual({ a: 2 })
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(join(dir, 'sub'))).toEqual(['account.json'])
  })

  it('never writes through a file planted at a predictable temporary name', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gigpilot-json-'))
    const file = join(dir, 'account.json')
    const victim = join(dir, 'victim.txt')
    // The old writer used `${path}.${pid}.${Date.now()}.tmp`; plant links for the next few ms.
    const now = Date.now()
    for (let t = now; t < now + 50; t++) symlinkSync(victim, `${file}.${process.pid}.${t}.tmp`)
    await writeJsonFileAtomic(file, { a: 1 })
    expect(() => readFileSync(victim)).toThrow()
    expect(await readJsonFile(file)).toEqual({ a: 1 })
  })
})
