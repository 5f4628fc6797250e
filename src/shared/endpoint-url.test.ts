import { describe, expect, it } from 'vitest'
import { isAllowedEndpointUrl } from './endpoint-url'

describe('isAllowedEndpointUrl', () => {
  it.each(['https://api.upwork.com/graphql', 'https://proxy.example.com/upwork', 'http://127.0.0.1:8790/graphql', 'http://localhost:11434/v1', 'http://[::1]:1234/v1'])(
    'allows %s',
    (url) => expect(isAllowedEndpointUrl(url)).toBe(true)
  )
  it.each(['http://evil.example/token', 'http://192.168.1.5:11434/v1', 'ftp://upwork.com/', 'javascript:alert(1)', 'https://user:pw@api.upwork.com/', 'not a url'])(
    'refuses %s',
    (url) => expect(isAllowedEndpointUrl(url)).toBe(false)
  )
})
