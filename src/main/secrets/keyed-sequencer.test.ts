import { describe, expect, it } from 'vitest'
import { KeyedSequencer } from './keyed-sequencer'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('KeyedSequencer', () => {
  it('runs tasks for one key in call order, each after the previous finished', async () => {
    const seq = new KeyedSequencer<string>()
    const log: string[] = []
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`)
      await sleep(ms)
      log.push(`end ${name}`)
      return name
    }
    const results = await Promise.all([seq.run('a', task('1', 30)), seq.run('a', task('2', 1)), seq.run('a', task('3', 10))])
    expect(results).toEqual(['1', '2', '3'])
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3'])
  })

  it('runs different keys in parallel', async () => {
    const seq = new KeyedSequencer<string>()
    let running = 0
    let max = 0
    const task = async () => {
      running++
      max = Math.max(max, running)
      await sleep(20)
      running--
    }
    await Promise.all([seq.run('a', task), seq.run('b', task), seq.run('c', task)])
    expect(max).toBe(3)
  })

  it('keeps going after a failed task and forgets idle keys', async () => {
    const seq = new KeyedSequencer<string>()
    const failed = seq.run('a', async () => {
      throw new Error('boom')
    })
    const next = seq.run('a', async () => 'after')
    await expect(failed).rejects.toThrow('boom')
    await expect(next).resolves.toBe('after')
    await sleep(0)
    expect(seq.busyKeys).toEqual([])
  })
})
