/**
 * Where the OpenAI-compatible API lives: the Settings value (a local model, Azure, a proxy) wins,
 * then OPENAI_BASE_URL, then OpenAI itself. Kept apart from the client so every AI feature and
 * the Settings screen agree on one rule. The API key travels to this URL, so the rule for any
 * endpoint applies (https, or http only to this computer); the Settings value is validated by the
 * settings schema, the environment value here, so a typo fails loudly instead of as an odd
 * network error later.
 */
import { DEFAULT_OPENAI_BASE_URL } from '@shared/ai'
import { ENDPOINT_URL_RULE, isAllowedEndpointUrl } from '@shared/endpoint-url'

/** The default URL and the presets live in src/shared/ai.ts, where Settings → AI offers them too. */
export { AI_PROVIDER_PRESETS, DEFAULT_OPENAI_BASE_URL } from '@shared/ai'

export class AiEndpointError extends Error {
  override readonly name = 'AiEndpointError'
}

export function resolveAiBaseUrl(settingValue: string | null, env: Readonly<Record<string, string | undefined>>): string {
  if (settingValue != null && settingValue.trim() !== '') return settingValue.trim()
  const fromEnv = env.OPENAI_BASE_URL?.trim()
  if (!fromEnv) return DEFAULT_OPENAI_BASE_URL
  if (!isAllowedEndpointUrl(fromEnv)) throw new AiEndpointError(`OPENAI_BASE_URL is not allowed: ${ENDPOINT_URL_RULE}`)
  return fromEnv
}
