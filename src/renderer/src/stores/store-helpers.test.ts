import { describe, expect, it, vi } from 'vitest'
import { create } from 'zustand'
import type { Problem } from '../api'
import { moveSelection, NEAR_END_ROWS, whileBusy } from './store-helpers'

interface S {
  busy: boolean
  error: Problem | null
}

describe('whileBusy', () => {
  it('raises the flag for the run, answers the work, lowers it after', async () => {
    const store = create<S>(() => ({ busy: false, error: { code: 'OLD', message: 'before' } as Problem }))
    let during: S | null = null
    const answer = await whileBusy(store.getState, store.setState, 'busy', 'error', async () => {
      during = store.getState()
      return 42
    })
    expect(answer).toBe(42)
    expect(during).toEqual({ busy: true, error: null })
    expect(store.getState()).toEqual({ busy: false, error: null })
  })

  it('does nothing while the flag is up', async () => {
    const store = create<S>(() => ({ busy: true, error: null }))
    const work = vi.fn(async () => 1)
    expect(await whileBusy(store.getState, store.setState, 'busy', 'error', work)).toBeNull()
    expect(work).not.toHaveBeenCalled()
    expect(store.getState().busy).toBe(true)
  })

  it('keeps a failure as a Problem and lowers the flag', async () => {
    const store = create<S>(() => ({ busy: false, error: null }))
    const answer = await whileBusy(store.getState, store.setState, 'busy', 'error', async () => {
      throw Object.assign(new Error('It broke'), { code: 'BROKE' })
    })
    expect(answer).toBeNull()
    expect(store.getState().busy).toBe(false)
    expect(store.getState().error).toMatchObject({ message: 'It broke' })
  })
})

describe('moveSelection', () => {
  const items = Array.from({ length: 30 }, (_, i) => ({ id: i + 1 }))
  const move = (selected: number | null, delta: 1 | -1, list = items) => {
    const select = vi.fn()
    const loadMore = vi.fn()
    const index = moveSelection(list, selected, (i) => i.id, delta, select, loadMore)
    return { index, selected: select.mock.calls[0]?.[0] as number | undefined, loaded: loadMore.mock.calls.length }
  }

  it('steps down and up, the first row when none is selected, kept in the list', () => {
    expect(move(null, 1)).toEqual({ index: 0, selected: 1, loaded: 0 })
    expect(move(5, 1)).toEqual({ index: 5, selected: 6, loaded: 0 })
    expect(move(5, -1)).toEqual({ index: 3, selected: 4, loaded: 0 })
    expect(move(1, -1)).toEqual({ index: 0, selected: 1, loaded: 0 })
  })

  it('asks for the next page near the end of the loaded rows', () => {
    expect(move(items.length - NEAR_END_ROWS - 1, 1).loaded).toBe(0)
    expect(move(items.length - NEAR_END_ROWS, 1).loaded).toBe(1)
  })

  it('an empty list: -1, nothing selected', () => {
    expect(move(null, 1, [])).toEqual({ index: -1, selected: undefined, loaded: 0 })
  })
})
