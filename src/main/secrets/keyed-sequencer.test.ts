import { describe, expect, it, vi } from 'vitest'
import { deferred, type Deferred } from '../test-support/deferred'
import { KeyedSequencer } from './keyed-sequencer'

describe('KeyedSequencer', () => {
  it('runs tasks for one key in call order, each after the previous finished', async () => {
    const seq = new KeyedSequencer<string>()
    const log: string[] = []
    const gates: Record<string, Deferred<void>> = { '1': deferred(), '2': deferred(), '3': deferred() }
    const task = (name: string) => async () => {
      log.push(`start ${name}`)
      await gates[name]!.promise
      log.push(`end ${name}`)
      return name
    }
    const all = Promise.all([seq.run('a', task('1')), seq.run('a', task('2')), seq.run('a', task('3'))])
    await vi.waitFor(() => expect(log).toContain('start 1'))
    expect(log).toEqual(['start 1']) // 2 and 3 have not started while 1 is running
    // Letting the later tasks finish first must not reorder anything.
    gates['3']!.resolve()
    gates['2']!.resolve()
    gates['1']!.resolve()
    expect(await all).toEqual(['1', '2', '3'])
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3'])
  })

  it('runs different keys in parallel', async () => {
    const seq = new KeyedSequencer<string>()
    const gate = deferred()
    let running = 0
    const task = async () => {
      running++
      await gate.promise
      running--
    }
    const all = Promise.all([seq.run('a', task), seq.run('b', task), seq.run('c', task)])
    // Sequential execution would never get past 1 here, and waitFor would time out.
    await vi.waitFor(() => expect(running).toBe(3))
    gate.resolve()
    await all
    expect(running).toBe(0)
  })

  it('keeps going after a failed task and forgets idle keys', async () => {
    const seq = new KeyedSequencer<string>()
    const failed = seq.run('a', async () => {
      throw new Error('boom')
    })
    const next = seq.run('a', async () => 'after')
    expect(seq.busyKeys).toEqual(['a'])
    await expect(failed).rejects.toThrow('boom')
    await expect(next).resolves.toBe('after')
    // The entry is dropped in a continuation of the last task's settling.
    await vi.waitFor(() => expect(seq.busyKeys).toEqual([]))
  })
})
