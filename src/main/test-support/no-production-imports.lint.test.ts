import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * The test kit stays out of the app: eslint.config.js refuses an import of any test-support
 * folder from production code (src/ and the harness). Runs the project's real config on code
 * placed, virtually, at the paths below.
 */
const eslint = new ESLint({ cwd: process.cwd() })

async function kitImportErrors(filePath: string, from: string): Promise<string[]> {
  const code = `import { freePort } from '${from}'\nexport const port = freePort\n`
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('lint: production code never imports test-support', () => {
  it.each([
    ['src/main/upwork/poller.ts', '../test-support/free-port'],
    ['src/main/app/create-core.ts', '../test-support'],
    ['src/main/db/open-database.ts', './test-support/temp-files'],
    ['src/main/index.ts', './secrets/test-support/slow-keytar'],
    ['src/renderer/src/App.tsx', './test-support/fake-bridge'],
    ['src/shared/contract/upwork.ts', '../../main/test-support/free-port'],
    ['tools/harness/harness-core.ts', '../../src/main/test-support/memory-logger']
  ])('refuses %s importing %s', async (file, from) => {
    const messages = await kitImportErrors(file, from)
    expect(messages, file).toHaveLength(1)
    expect(messages[0]).toMatch(/test-support is for tests/)
  })

  it.each([
    ['src/main/upwork/poller.test.ts', '../test-support/free-port'],
    ['src/renderer/src/pages/Settings.test.tsx', '../test-support/render-app'],
    ['src/main/upwork/test-support/connection-harness.ts', '../../test-support/free-port'],
    ['tests/e2e/upwork-connect.spec.ts', '../../src/main/test-support/free-port'],
    ['tools/fake-openai/server.test.ts', '../../src/main/test-support/fake-openai'],
    ['bench/upwork.bench.ts', '../src/main/upwork/test-support/connection-harness']
  ])('lets %s (test code) import %s', async (file, from) => {
    expect(await kitImportErrors(file, from)).toEqual([])
  })
})
