export { countTokens, startFakeOpenAi, type FakeFault, type FakeOpenAi, type FakeOpenAiOptions, type FakeRequest, type FakeStep } from './server'
