// Where the Electron binary is, found the way `electron` and electron-vite find it, without
// downloading anything (require('electron') would start a download when it is missing).
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

/** What to tell someone whose Electron binary is missing: what happened, how to get it, what works meanwhile. */
export function missingElectronMessage(reason) {
  return [
    'GigPilot cannot open its window: the Electron binary is not installed.',
    `  ${reason}`,
    '',
    '`npm install` does not download it: the electron package has no install script. Its own',
    'install.js downloads the binary from github.com/electron/electron/releases. On a machine',
    'with internet access run',
    '  node node_modules/electron/install.js',
    '(set ELECTRON_MIRROR to use a mirror), then run this command again.',
    '',
    'Meanwhile the app runs in a browser, with the same services, through the harness:',
    '  npm run build && npm run harness',
    ''
  ].join('\n')
}
