import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { findElectronBinary } from '../../scripts/electron-binary.mjs'
import { freePort } from '../../src/main/test-support/free-port'

/** `npm start` / `npm run dev` without the Electron binary: plain words and a non-zero exit, no stack trace. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const scratch = mkdtempSync(join(tmpdir(), 'gigpilot-start-test-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function run(command: string, args: string[], env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env }
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k]
  return spawnSync(command, args, { cwd: repoRoot, env: childEnv, encoding: 'utf8', timeout: 60_000 })
}

function expectPlainAdvice(stderr: string): void {
  expect(stderr).toContain('GigPilot cannot open its window: the Electron binary is not installed.')
  expect(stderr).toContain('node node_modules/electron/install.js')
  expect(stderr).toContain('npm run build && npm run harness')
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
}

// An empty folder as Electron's dist: the binary is missing on every machine, with or without a download.
const noBinary = { ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(scratch, 'no-electron-')), ELECTRON_EXEC_PATH: undefined }

describe('the start script without the Electron binary', () => {
  for (const mode of ['preview', 'dev']) {
    it(`node scripts/start.mjs ${mode} says what happened and what to do, and exits 1`, () => {
      const r = run(process.execPath, ['scripts/start.mjs', mode], noBinary)
      expect(r.status).toBe(1)
      expectPlainAdvice(r.stderr)
      expect(r.stderr).not.toContain('downloading it now')
      expect(r.stderr).toContain(`${noBinary.ELECTRON_OVERRIDE_DIST_PATH}/electron does not exist`)
    })
  }

  for (const script of ['start', 'dev']) {
    it(`npm run ${script} goes through it`, () => {
      const r = run('npm', ['run', '--silent', script], noBinary)
      expect(r.status).toBe(1)
      expectPlainAdvice(r.stderr)
    })
  }

  const real = findElectronBinary()
  const realPathTxt = join(repoRoot, 'node_modules/electron/path.txt')
  // Why: these use the real node_modules/electron of a machine that never downloaded the binary (this project's CI).
  it.skipIf(real.found)('tries electron\'s own download first, then says why it failed', async () => {
    // A mirror nobody listens on and an empty download cache: the download fails the same way on any machine.
    const mirror = `http://127.0.0.1:${await freePort()}/`
    const r = run(process.execPath, ['scripts/start.mjs', 'preview'], {
      ELECTRON_OVERRIDE_DIST_PATH: undefined,
      ELECTRON_EXEC_PATH: undefined,
      ELECTRON_SKIP_BINARY_DOWNLOAD: undefined,
      ELECTRON_MIRROR: mirror,
      electron_config_cache: mkdtempSync(join(scratch, 'cache-'))
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('downloading it now')
    expectPlainAdvice(r.stderr)
    expect(r.stderr).toContain('node_modules/electron/path.txt is missing). The download failed: TypeError: fetch failed')
    expect(existsSync(realPathTxt)).toBe(false)
  })

  it.skipIf(real.found)('does not try to download when ELECTRON_SKIP_BINARY_DOWNLOAD is set', () => {
    const r = run(process.execPath, ['scripts/start.mjs', 'dev'], { ELECTRON_OVERRIDE_DIST_PATH: undefined, ELECTRON_EXEC_PATH: undefined, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })
    expect(r.status).toBe(1)
    expect(r.stderr).not.toContain('downloading it now')
    expectPlainAdvice(r.stderr)
    expect(r.stderr).toContain('node_modules/electron/path.txt is missing')
  })
})

describe('findElectronBinary resolves like electron and electron-vite', () => {
  const electronDir = join(scratch, 'electron')
  mkdirSync(electronDir)
  const env = {}

  it('is missing without path.txt', () => {
    expect(findElectronBinary({ electronDir, env, platform: 'linux' })).toMatchObject({ found: false, path: null })
  })

  it('is missing when path.txt names a binary that is not in dist/', () => {
    writeFileSync(join(electronDir, 'path.txt'), 'electron')
    expect(findElectronBinary({ electronDir, env, platform: 'linux' })).toMatchObject({ found: false, path: join(electronDir, 'dist/electron') })
  })

  it('is found at dist/<path.txt>', () => {
    mkdirSync(join(electronDir, 'dist'))
    writeFileSync(join(electronDir, 'dist/electron'), '#!/bin/sh\n')
    chmodSync(join(electronDir, 'dist/electron'), 0o755)
    expect(findElectronBinary({ electronDir, env, platform: 'linux' })).toEqual({ found: true, path: join(electronDir, 'dist/electron') })
  })

  it('honours ELECTRON_OVERRIDE_DIST_PATH and ELECTRON_EXEC_PATH', () => {
    const other = mkdtempSync(join(scratch, 'override-'))
    expect(findElectronBinary({ electronDir, env: { ELECTRON_OVERRIDE_DIST_PATH: other }, platform: 'linux' })).toMatchObject({ found: false })
    expect(findElectronBinary({ electronDir, env: { ELECTRON_EXEC_PATH: join(electronDir, 'dist/electron') } })).toMatchObject({ found: true })
    expect(findElectronBinary({ electronDir, env: { ELECTRON_EXEC_PATH: join(other, 'nope') } })).toMatchObject({ found: false })
  })
})
