import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * The send path is guarded by lint, not by a document: eslint.config.js refuses an import of
 * Upwork's write operations anywhere but src/main/outbox/, and an import of the composition root
 * (src/main/app/) from any domain. These run the project's real config on fixture files placed,
 * virtually, where a scheduler, a poller or AI code would live.
 */
const eslint = new ESLint({ cwd: process.cwd() })

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message)
}

const importSend = (from: string) => `import { sendRoomMessage } from '${from}'\nexport const send = sendRoomMessage\n`

describe('lint: only the outbox can reach a send', () => {
  it.each([
    ['src/main/scheduler/poll-jobs.ts', '../upwork/operations/writes'],
    ['src/main/scheduler/node-cron-scheduler.ts', '../upwork/operations/writes/send-room-message'],
    ['src/main/discovery/polling/search-poller.ts', '../../upwork/operations/writes'],
    ['src/main/discovery/polling/polling-service.ts', '../../upwork/operations/writes/index'],
    ['src/main/ai/drafter.ts', '../upwork/operations/writes/send-room-message'],
    ['src/main/upwork/message-sync.ts', './operations/writes'],
    ['src/main/upwork/operations/jobs-extra.ts', './writes/index'],
    ['src/main/app/create-core.ts', '../upwork/operations/writes'],
    ['src/main/electron/tray-actions.ts', '../upwork/operations/writes'],
    ['tools/harness/auto-reply.ts', '../../src/main/upwork/operations/writes'],
    ['bench/send.bench.ts', '../src/main/upwork/operations/writes'],
    // The review queue approves through the outbox's API; it never reaches the proposal write itself.
    ['src/main/drafting/review-queue.ts', '../upwork/operations/writes/create-job-proposal'],
    ['src/main/drafting/autopilot.ts', '../upwork/operations/writes'],
    ['src/main/discovery/analysis/auto-apply.ts', '../../upwork/operations/writes/create-job-proposal'],
    // Issue 9: replies send through outbox.enqueueMessage on a click; follow-ups and the message sync run on a schedule.
    ['src/main/replies/module.ts', '../upwork/operations/writes/send-room-message'],
    ['src/main/replies/follow-ups.ts', '../upwork/operations/writes'],
    ['src/main/messaging/message-sync.ts', '../upwork/operations/writes'],
    ['src/main/experiments/experiment-service.ts', '../upwork/operations/writes']
  ])('refuses %s importing %s', async (file, from) => {
    const messages = await restrictedImports(file, importSend(from))
    expect(messages, file).toHaveLength(1)
    expect(messages[0]).toMatch(/Only src\/main\/outbox\/ may import Upwork write operations/)
  })

  it('refuses the ways around a plain import: a doubled slash, import(), a computed import() path, building a client stack', async () => {
    const lint = async (code: string, filePath = 'src/main/discovery/poller.ts') => {
      const [result] = await eslint.lintText(code, { filePath })
      return (result?.messages ?? []).map((m) => m.ruleId)
    }
    expect(await lint(importSend('../upwork/operations//writes'))).toEqual(['@typescript-eslint/no-restricted-imports'])
    expect(await lint(`export const s = async () => await import('../upwork/operations/writes')\n`)).toEqual(['no-restricted-syntax'])
    expect(await lint(`export const s = async () => await import('../upwork/client-stack')\n`)).toEqual(['no-restricted-syntax'])
    expect(await lint(`const p = '../upwork/operations/writes'\nexport const s = async () => await import(p)\n`)).toEqual(['no-restricted-syntax'])
    expect(await lint(`import { createUpworkClientStack } from '../upwork/client-stack'\nexport const s = createUpworkClientStack\n`)).toEqual([
      '@typescript-eslint/no-restricted-imports'
    ])
    // The composition root is the one place that builds the stack.
    expect(await lint(`import { createUpworkClientStack } from '../upwork/client-stack'\nexport const s = createUpworkClientStack\n`, 'src/main/app/create-core.ts')).toEqual([])
  })

  it('lets the outbox import the writes', async () => {
    expect(await restrictedImports('src/main/outbox/send-proposal.ts', importSend('../upwork/operations/writes'))).toEqual([])
  })

  it('allows a type-only import (a type cannot send)', async () => {
    const code = `import type { WriteContext } from '../upwork/operations/writes'\nexport type W = WriteContext\n`
    expect(await restrictedImports('src/main/discovery/module.ts', code)).toEqual([])
  })

  it('refuses building an Upwork client or holding tokens outside upwork/ (a raw client could send a mutation)', async () => {
    for (const [file, from] of [
      ['src/main/discovery/poller.ts', '../upwork/graphql-client'],
      ['src/main/ai/drafter.ts', '../upwork/token-manager'],
      ['src/main/outbox/x.ts', '../upwork/graphql-client']
    ]) {
      const code = `import { GraphQLClient } from '${from}'\nexport const c = GraphQLClient\n`
      expect(await restrictedImports(file!, code), file).toEqual([expect.stringMatching(/Only src\/main\/upwork\/ builds Upwork clients/)])
    }
    const typeOnly = `import type { GraphQLResponse } from '../upwork/graphql-client'\nexport type R = GraphQLResponse\n`
    expect(await restrictedImports('src/main/discovery/poller.ts', typeOnly)).toEqual([])
    expect(await restrictedImports('src/main/upwork/client-stack.ts', `import { GraphQLClient } from './graphql-client'\nexport const c = GraphQLClient\n`)).toEqual([])
  })

  it('refuses a domain importing the composition root', async () => {
    const code = `import { createCore } from '../app/create-core'\nexport const c = createCore\n`
    for (const file of ['src/main/upwork/x.ts', 'src/main/outbox/x.ts', 'src/main/settings/x.ts', 'src/main/electron/x.ts']) {
      const messages = await restrictedImports(file, code)
      expect(messages, file).toEqual([expect.stringMatching(/never import the composition root/)])
    }
    expect(await restrictedImports('src/main/index.ts', code)).toEqual([])
  })
})
