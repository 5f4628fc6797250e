import { startFakeOpenAi, type FakeOpenAi, type FakeOpenAiOptions } from '../../../tools/fake-openai/index'
import { useFakeServer } from './use-fake-server'

/** One fake-openai per test file, reset (script, fault, default reply, log) before each test. */
export function useFakeOpenAi(options: FakeOpenAiOptions = {}): { readonly fake: FakeOpenAi } {
  return useFakeServer(
    () => startFakeOpenAi({ port: 0, ...options }),
    (fake) => {
      fake.setDefaultReply('Hello from fake-openai.')
      fake.setDefaultJsonReply(null)
      fake.setScript([])
      fake.setFault(null)
      fake.clearRequests()
    }
  )
}
