import { text } from '@shared/i18n'
import type { Settings } from '@shared/settings'
import { isAllowedEndpointUrl } from '@shared/endpoint-url'
import { UpworkError } from './errors'

/** Upwork's real OAuth and GraphQL endpoints (upwork-api.md §1). */
export const DEFAULT_UPWORK_ENDPOINTS = {
  authorizeUrl: 'https://www.upwork.com/ab/account-security/oauth2/authorize',
  tokenUrl: 'https://www.upwork.com/api/v3/oauth2/token',
  graphqlUrl: 'https://api.upwork.com/graphql'
} as const

export interface UpworkEndpoints {
  authorizeUrl: string
  tokenUrl: string
  graphqlUrl: string
}

/** The environment variables that override the defaults (used by tests, the harness and the fake server). */
export const UPWORK_ENV_VARS = {
  authorizeUrl: 'UPWORK_AUTH_URL',
  tokenUrl: 'UPWORK_TOKEN_URL',
  graphqlUrl: 'UPWORK_GRAPHQL_URL'
} as const

export type UpworkEnv = Readonly<Record<string, string | undefined>>

/**
 * Which endpoints to talk to: a setting the user saved wins, then the environment, then Upwork's
 * real URLs. Environment values are checked like settings (http(s) only) so a typo fails loudly
 * here instead of as an odd fetch error later.
 */
export function resolveUpworkEndpoints(
  upwork: Pick<Settings['upwork'], 'authUrl' | 'tokenUrl' | 'graphqlUrl'>,
  env: UpworkEnv = {}
): UpworkEndpoints {
  return {
    authorizeUrl: pick(upwork.authUrl, env, UPWORK_ENV_VARS.authorizeUrl, DEFAULT_UPWORK_ENDPOINTS.authorizeUrl),
    tokenUrl: pick(upwork.tokenUrl, env, UPWORK_ENV_VARS.tokenUrl, DEFAULT_UPWORK_ENDPOINTS.tokenUrl),
    graphqlUrl: pick(upwork.graphqlUrl, env, UPWORK_ENV_VARS.graphqlUrl, DEFAULT_UPWORK_ENDPOINTS.graphqlUrl)
  }
}

function pick(setting: string | null | undefined, env: UpworkEnv, envName: string, fallback: string): string {
  if (setting != null && setting.trim() !== '') return setting.trim()
  const fromEnv = env[envName]?.trim()
  if (fromEnv) {
    if (!isAllowedEndpointUrl(fromEnv)) throw new UpworkError('invalid_input', text('upwork.err.envNotAllowed', { name: envName, rule: text('settingsField.urlRule') }))
    return fromEnv
  }
  return fallback
}

/** The loopback path Upwork redirects to; the key's saved callback URL must match it exactly. */
export const CALLBACK_PATH = '/upwork/callback'
/** The literal loopback address: RFC 8252 §8.3 advises against `localhost` (it may resolve to ::1 or be remapped). */
export const LOOPBACK_HOST = '127.0.0.1'

export function callbackUrl(port: number): string {
  return `http://${LOOPBACK_HOST}:${port}${CALLBACK_PATH}`
}
