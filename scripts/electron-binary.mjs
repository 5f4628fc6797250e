// Where the Electron binary is, found the way `electron` and electron-vite find it, without
// downloading anything (require('electron') would start a download when it is missing).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The executable's path inside the Electron zip, as electron's install.js writes it to path.txt. */
function platformPath(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

/**
 * @param {{ electronDir?: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform }} [opts]
 * @returns {{ found: true, path: string } | { found: false, path: string | null, reason: string }}
 */
export function findElectronBinary(opts = {}) {
  const env = opts.env ?? process.env
  if (env.ELECTRON_EXEC_PATH) {
    return existsSync(env.ELECTRON_EXEC_PATH)
      ? { found: true, path: env.ELECTRON_EXEC_PATH }
      : { found: false, path: env.ELECTRON_EXEC_PATH, reason: `ELECTRON_EXEC_PATH points at ${env.ELECTRON_EXEC_PATH}, which does not exist.` }
  }
  let electronDir = opts.electronDir
  if (!electronDir) {
    try {
      electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    } catch {
      return { found: false, path: null, reason: 'The `electron` package is not installed (run `npm install`).' }
    }
  }
  const pathFile = join(electronDir, 'path.txt')
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  const override = env.ELECTRON_OVERRIDE_DIST_PATH
  if (!recorded && !override) {
    return { found: false, path: null, reason: `The Electron binary was never downloaded (${pathFile} is missing).` }
  }
  const binary = override ? join(override, recorded || platformPath(opts.platform ?? process.platform)) : join(electronDir, 'dist', recorded)
  return existsSync(binary)
    ? { found: true, path: binary }
    : { found: false, path: binary, reason: `The Electron binary is missing: ${binary} does not exist.` }
}

/**
 * Runs electron's own install.js (what `require('electron')` runs when the binary is missing):
 * downloads the zip for this platform (ELECTRON_MIRROR is honoured) and writes dist/ and path.txt.
 * @returns {{ ok: true } | { ok: false, error: string }}
 */
export function downloadElectronBinary(opts = {}) {
  const electronDir = opts.electronDir ?? dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    env: opts.env ?? process.env,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 15 * 60_000
  })
  if (r.status === 0 && findElectronBinary({ electronDir, env: opts.env ?? process.env }).found) return { ok: true }
  // install.js prints a stack trace; the first line that is not a stack frame says what failed.
  const firstLine = (r.stderr ?? '').split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at ') && !/^file:|^node:/.test(l))
  return { ok: false, error: r.error?.message ?? firstLine ?? `install.js exited with ${r.status}` }
}

/** What to tell someone whose Electron binary is missing: what happened, how to get it, what works meanwhile. */
export function missingElectronMessage(reason) {
  return [
    'GigPilot cannot open its window: the Electron binary is not installed.',
    `  ${reason}`,
    '',
    '`npm install` does not download it (the electron package has no install script); its own',
    'install.js does, from github.com/electron/electron/releases (or ELECTRON_MIRROR). With',
    'internet access, run this command again (it downloads the binary unless',
    'ELECTRON_SKIP_BINARY_DOWNLOAD is set), or run',
    '  node node_modules/electron/install.js',
    '',
    'Meanwhile the app runs in a browser, with the same services, through the harness:',
    '  npm run build && npm run harness',
    ''
  ].join('\n')
}
