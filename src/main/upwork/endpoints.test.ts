import { describe, expect, it } from 'vitest'
import { defaultSettings } from '@shared/settings'
import { callbackUrl, DEFAULT_UPWORK_ENDPOINTS, resolveUpworkEndpoints } from './endpoints'

const upwork = defaultSettings().upwork

describe('resolveUpworkEndpoints', () => {
  it('uses the real Upwork URLs by default', () => {
    expect(resolveUpworkEndpoints(upwork, {})).toEqual({
      authorizeUrl: 'https://www.upwork.com/ab/account-security/oauth2/authorize',
      tokenUrl: 'https://www.upwork.com/api/v3/oauth2/token',
      graphqlUrl: 'https://api.upwork.com/graphql'
    })
    expect(resolveUpworkEndpoints(upwork)).toEqual(DEFAULT_UPWORK_ENDPOINTS)
  })

  it('prefers a setting over the environment over the default', () => {
    const env = {
      UPWORK_AUTH_URL: 'http://127.0.0.1:9/auth',
      UPWORK_TOKEN_URL: 'http://127.0.0.1:9/token',
      UPWORK_GRAPHQL_URL: 'http://127.0.0.1:9/graphql'
    }
    expect(resolveUpworkEndpoints(upwork, env)).toEqual({
      authorizeUrl: env.UPWORK_AUTH_URL,
      tokenUrl: env.UPWORK_TOKEN_URL,
      graphqlUrl: env.UPWORK_GRAPHQL_URL
    })
    const withSetting = { ...upwork, graphqlUrl: 'http://127.0.0.1:10/gql' }
    expect(resolveUpworkEndpoints(withSetting, env).graphqlUrl).toBe('http://127.0.0.1:10/gql')
    expect(resolveUpworkEndpoints(withSetting, env).tokenUrl).toBe(env.UPWORK_TOKEN_URL)
  })

  it('refuses a non-http environment value instead of using it', () => {
    expect(() => resolveUpworkEndpoints(upwork, { UPWORK_GRAPHQL_URL: 'file:///etc/passwd' })).toThrow(/UPWORK_GRAPHQL_URL/)
  })

  it('builds the loopback redirect URI on the literal 127.0.0.1', () => {
    expect(callbackUrl(47615)).toBe('http://127.0.0.1:47615/upwork/callback')
    expect(callbackUrl(upwork.callbackPort)).toBe('http://127.0.0.1:47615/upwork/callback')
  })
})
