import { isAbsolute, join, resolve } from 'node:path'

/** GIGPILOT_DATA_DIR wins (tests, portable installs, several agency profiles); else the OS default. */
export function resolveDataDir(env: Record<string, string | undefined>, platformDefault: string): string {
  const fromEnv = env.GIGPILOT_DATA_DIR?.trim()
  if (fromEnv) return isAbsolute(fromEnv) ? fromEnv : resolve(fromEnv)
  return platformDefault
}

export const logsDirOf = (dataDir: string): string => join(dataDir, 'logs')
export const databaseFileOf = (dataDir: string): string => join(dataDir, 'gigpilot.db')
/** The non-secret Upwork account facts (account-summary-store.ts). */
export const accountFileOf = (dataDir: string): string => join(dataDir, 'upwork-account.json')
