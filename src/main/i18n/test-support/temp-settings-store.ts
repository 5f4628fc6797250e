import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createNodeSettingsStore } from '../../settings/create-node-settings-store'
import type { SettingsStore } from '../../settings/settings-store'
import { createMemoryLogger } from '../../test-support/memory-logger'

/** Tests only: real settings stores, each in its own temporary folder, removed by `cleanup()`. */
export function tempSettingsStores(): { create(): SettingsStore; cleanup(): void } {
  const dirs: string[] = []
  return {
    create() {
      const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-settings-'))
      dirs.push(dataDir)
      return createNodeSettingsStore({ dataDir, logger: createMemoryLogger() })
    },
    cleanup: () => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
  }
}
