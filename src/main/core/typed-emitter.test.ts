import { describe, expect, it } from 'vitest'
import { TypedEmitter } from './typed-emitter'

describe('TypedEmitter (the one emitter: services and the EventBus)', () => {
  it('delivers to named and catch-all listeners, and unsubscribes', () => {
    const e = new TypedEmitter<{ a: number; b: string }>()
    const got: unknown[] = []
    const offA = e.on('a', (n) => got.push(['a', n]))
    const offAny = e.onAny((name, p) => got.push(['any', name, p]))
    e.emit('a', 1)
    e.emit('b', 'x')
    offA()
    offAny()
    e.emit('a', 2)
    expect(got).toEqual([['a', 1], ['any', 'a', 1], ['any', 'b', 'x']])
  })

  it('isolates a throwing listener and reports it', () => {
    const errors: unknown[] = []
    const e = new TypedEmitter<{ a: number }>((name, err) => errors.push([name, String(err)]))
    const got: number[] = []
    e.on('a', () => {
      throw new Error('boom')
    })
    e.on('a', (n) => got.push(n))
    expect(() => e.emit('a', 1)).not.toThrow()
    expect(got).toEqual([1])
    expect(errors).toEqual([['a', 'Error: boom']])
  })
})
