import { describe, expect, it } from 'vitest'
import type { TrainInput } from '../train'
import { TrainRunner, TrainWorkerError } from './train-runner'

/**
 * The training worker has a heap of its own: one that runs out of memory is terminated (that
 * training fails as 'crashed', the app goes on), never a fatal OOM of the whole process.
 */
describe('TrainRunner: a training that runs out of memory is contained', () => {
  it('over the heap limit: this training fails as crashed (ERR_WORKER_OUT_OF_MEMORY), the process lives, the next one starts a new worker', async () => {
    const runner = new TrainRunner({ heapMb: 16 })
    try {
      // ~64 MB of separate strings: more than the worker's 16 MB heap can take in.
      const huge = { rows: Array.from({ length: 64_000 }, (_, i) => `${i}:${'x'.repeat(1_000)}`) } as unknown as TrainInput
      const failure = await runner.run(huge).then(
        () => null,
        (e: unknown) => e
      )
      expect(failure).toBeInstanceOf(TrainWorkerError)
      expect((failure as TrainWorkerError).reason).toBe('crashed')
      expect((failure as TrainWorkerError).message).toMatch(/memory/i)
      // Contained: this process goes on, and the next training gets a new worker.
      const next = await runner.run({ rows: [] } as unknown as TrainInput).then(
        () => 'ran',
        (e: unknown) => (e instanceof TrainWorkerError ? e.reason : 'other')
      )
      expect(next).not.toBe('crashed')
      expect(runner.starts).toBe(2)
    } finally {
      await runner.close()
    }
  }, 60_000)
})
