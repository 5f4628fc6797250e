import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base } from '@playwright/test'
import { startHarness, type Harness, type HarnessOptions } from '../../tools/harness/server'

export interface HarnessControl {
  /** The running harness (real main-process services + built renderer). */
  current: Harness
  dataDir: string
  /** Stops the services and starts them again on the same data folder, as an app restart would. */
  restart(): Promise<Harness>
}

export const test = base.extend<{ harnessEnv: NodeJS.ProcessEnv; harness: HarnessControl }>({
  harnessEnv: [{}, { option: true }],
  harness: async ({ harnessEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-e2e-'))
    const options = (): HarnessOptions => ({ dataDir, env: { ...process.env, ...harnessEnv } })
    const control: HarnessControl = {
      current: await startHarness(options()),
      dataDir,
      restart: async () => {
        await control.current.close()
        control.current = await startHarness(options())
        return control.current
      }
    }
    try {
      await use(control)
    } finally {
      // Runs while the page is still open (Playwright tears fixtures down in reverse order), so
      // close() must not wait on the page's sockets: it cuts them (tools/harness/server.ts).
      try {
        await control.current.close()
      } finally {
        rmSync(dataDir, { recursive: true, force: true })
      }
    }
  }
})

export { expect } from '@playwright/test'
