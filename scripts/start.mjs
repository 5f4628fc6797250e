// `npm start` / `npm run dev`: makes sure the Electron binary is there first (downloading it once,
// as `require('electron')` would: `npm install` does not), so a machine without it gets plain
// words instead of electron-vite's stack trace; then hands over to electron-vite.
//   node scripts/start.mjs preview|dev [electron-vite options]
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { downloadElectronBinary, findElectronBinary, missingElectronMessage } from './electron-binary.mjs'

const [mode, ...rest] = process.argv.slice(2)
if (mode !== 'preview' && mode !== 'dev') {
  console.error('Usage: node scripts/start.mjs preview|dev [electron-vite options]')
  process.exit(2)
}

let electron = findElectronBinary()
// Someone who names the binary (ELECTRON_EXEC_PATH, ELECTRON_OVERRIDE_DIST_PATH) or opts out manages it themselves.
const mayDownload = !process.env.ELECTRON_EXEC_PATH && !process.env.ELECTRON_OVERRIDE_DIST_PATH && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
if (!electron.found && mayDownload) {
  console.error('The Electron binary is not downloaded yet: downloading it now (once; this needs internet access)…')
  const download = downloadElectronBinary()
  electron = download.ok ? findElectronBinary() : { ...electron, reason: `${electron.reason} The download failed: ${download.error}` }
}
if (!electron.found) {
  process.stderr.write(missingElectronMessage(electron.reason))
  process.exit(1)
}

const cli = join(dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')), 'bin/electron-vite.js')
// electron-vite launches ELECTRON_EXEC_PATH when set: exactly the binary checked above.
const child = spawn(process.execPath, [cli, mode, ...rest], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: electron.path }
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
