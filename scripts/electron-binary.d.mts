/** Types for electron-binary.mjs (a plain Node script, so `npm start` needs no TypeScript loader). */
export type ElectronBinary = { found: true; path: string } | { found: false; path: string | null; reason: string }
export function findElectronBinary(opts?: { electronDir?: string; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform }): ElectronBinary
export function missingElectronMessage(reason: string): string
export function downloadElectronBinary(opts?: { electronDir?: string; env?: NodeJS.ProcessEnv }): { ok: true } | { ok: false; error: string }
