import { afterAll, beforeAll, beforeEach } from 'vitest'

/**
 * One fake server for a test file (real HTTP on 127.0.0.1, on a port the OS picks): started
 * before the first test, put back to its starting state before each, closed after the last.
 * `fake` is a getter, since the server only exists once `beforeAll` has run.
 */
export function useFakeServer<T extends { close(): Promise<void> }>(start: () => Promise<T>, reset: (fake: T) => void): { readonly fake: T } {
  let fake: T | null = null
  beforeAll(async () => {
    fake = await start()
  })
  beforeEach(() => {
    if (fake) reset(fake)
  })
  afterAll(async () => {
    await fake?.close()
    fake = null
  })
  return {
    get fake(): T {
      if (!fake) throw new Error('The fake server starts in beforeAll: use it inside a test or hook.')
      return fake
    }
  }
}
