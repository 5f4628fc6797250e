import { describe, expect, it } from 'vitest'
import { ManualClock } from './clocks'

describe('ManualClock', () => {
  it('runs due timers in time order when advanced, each seeing its own time, and not before', () => {
    const clock = new ManualClock(1000)
    const fired: string[] = []
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200)
    clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`)
      clock.setTimeout(() => fired.push(`nested@${clock.now()}`), 50) // due at 1150: inside this advance
    }, 100)
    const cancelled = clock.setTimeout(() => fired.push('cancelled'), 150)
    clock.clearTimeout(cancelled)
    clock.advance(99)
    expect(fired).toEqual([])
    clock.advance(101)
    expect(fired).toEqual(['a@1100', 'nested@1150', 'b@1200'])
    expect(clock.now()).toBe(1200)
    expect(clock.pendingTimers).toBe(0)
  })

  it('sleep records the delay and moves time, firing what falls due', async () => {
    const clock = new ManualClock()
    let fired = false
    clock.setTimeout(() => (fired = true), 500)
    await clock.sleep(499)
    expect(fired).toBe(false)
    await clock.sleep(1)
    expect(fired).toBe(true)
    expect(clock.sleeps).toEqual([499, 1])
    expect(clock.now()).toBe(500)
  })
})
