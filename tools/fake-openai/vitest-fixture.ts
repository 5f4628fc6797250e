/** For vitest files: one fake-openai per file, reset (script, fault, default reply, log) before each test. */
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { type FakeOpenAi, type FakeOpenAiOptions, startFakeOpenAi } from './server'

export function useFakeOpenAi(options: FakeOpenAiOptions = {}): { readonly fake: FakeOpenAi } {
  let fake: FakeOpenAi | null = null
  beforeAll(async () => {
    fake = await startFakeOpenAi({ port: 0, ...options })
  })
  afterAll(async () => {
    await fake?.close()
  })
  beforeEach(() => {
    fake!.setDefaultReply('Hello from fake-openai.')
    fake!.setScript([])
    fake!.setFault(null)
    fake!.clearRequests()
  })
  return {
    get fake(): FakeOpenAi {
      if (!fake) throw new Error('fake-openai is not started yet (use it inside a test or hook)')
      return fake
    }
  }
}
