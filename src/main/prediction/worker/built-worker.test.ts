import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { syntheticRows } from '../test-support/synthetic-rows'
import { findTrainWorkerEntry, TrainRunner } from './train-runner'

/**
 * The training worker as the app ships it: `npm run build` (electron-vite) writes
 * out/main/prediction-worker.js beside out/main/index.js (electron.vite.config.ts: an input of the
 * main build). This runs that file, without tsx, found the way the built main process finds it.
 * GIGPILOT_BUILT_MAIN_DIR points at another build output.
 */
const MAIN_DIR = resolve(process.env.GIGPILOT_BUILT_MAIN_DIR ?? 'out/main')
const built = existsSync(join(MAIN_DIR, 'prediction-worker.js'))

describe.skipIf(!built)(`the built prediction worker (${MAIN_DIR}; run \`npm run build\` first)`, () => {
  it('is found from the built main bundle and trains', async () => {
    const entry = findTrainWorkerEntry(pathToFileURL(join(MAIN_DIR, 'index.js')).href)
    expect(fileURLToPath(entry.script)).toBe(join(MAIN_DIR, 'prediction-worker.js'))
    expect(entry.sourceEntry).toBeUndefined() // plain JavaScript, no TypeScript loader
    const runner = new TrainRunner({ entry })
    try {
      const now = Date.UTC(2026, 10, 1)
      const { rows } = syntheticRows({ seed: 5, proposals: 1_000, days: 365, now })
      const out = await runner.run({ rows, previous: { reply: null, hire: null }, now })
      expect(out.reply.decision.code).toBe('first')
      expect(out.reply.accepted?.heldOut.auc).toBeGreaterThan(0.5)
    } finally {
      await runner.close()
    }
  })
})

it.runIf(!built)('the built prediction worker: skipped, no build output (run `npm run build`, then this test)', () => {
  expect(built).toBe(false)
})
