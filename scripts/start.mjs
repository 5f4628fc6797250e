// `npm start` / `npm run dev`: checks for the Electron binary first, so a machine without it gets
// plain words instead of electron-vite's stack trace, then hands over to electron-vite.
//   node scripts/start.mjs preview|dev [electron-vite options]
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { findElectronBinary, missingElectronMessage } from './electron-binary.mjs'

const [mode, ...rest] = process.argv.slice(2)
if (mode !== 'preview' && mode !== 'dev') {
  console.error('Usage: node scripts/start.mjs preview|dev [electron-vite options]')
  process.exit(2)
}

const electron = findElectronBinary()
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
