import { describe, expect, it } from 'vitest'
import { runInBatches } from './batches'

describe('runInBatches', () => {
  it('passes consecutive slices in order and returns their results', async () => {
    const seen: number[][] = []
    const results = await runInBatches([1, 2, 3, 4, 5, 6, 7], 3, (batch, index) => {
      seen.push(batch)
      return index
    })
    expect(seen).toEqual([[1, 2, 3], [4, 5, 6], [7]])
    expect(results).toEqual([0, 1, 2])
  })

  it('lets queued work run between batches', async () => {
    const log: string[] = []
    await runInBatches([1, 2, 3], 1, (batch) => {
      log.push(`batch ${batch[0]}`)
      setImmediate(() => log.push(`other work after ${batch[0]}`))
    })
    expect(log).toEqual(['batch 1', 'other work after 1', 'batch 2', 'other work after 2', 'batch 3'])
  })

  it('stops at the first failing batch, leaving earlier batches done', async () => {
    const done: number[] = []
    await expect(
      runInBatches([1, 2, 3, 4], 1, async (batch) => {
        if (batch[0] === 3) throw new Error('boom')
        done.push(batch[0]!)
      })
    ).rejects.toThrow('boom')
    expect(done).toEqual([1, 2])
  })

  it('does nothing for no items and rejects a bad batch size', async () => {
    expect(await runInBatches([], 10, () => 1)).toEqual([])
    await expect(runInBatches([1], 0, () => 1)).rejects.toThrow(RangeError)
  })
})
