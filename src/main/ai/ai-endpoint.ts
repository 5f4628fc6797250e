/**
 * Where the OpenAI-compatible API lives: the Settings value (a local model, Azure, a proxy) wins,
 * then OPENAI_BASE_URL, then OpenAI itself. Kept apart from the client so every AI feature and
 * the Settings screen agree on one rule. The API key travels to this URL, so the rule for any
 * endpoint applies (https, or http only to this computer); the Settings value is validated by the
 * settings schema, the environment value here, so a typo fails loudly instead of as an odd
 * network error later.
 */
import { ENDPOINT_URL_RULE, isAllowedEndpointUrl } from '@shared/endpoint-url'

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1'

/** Base URLs the Settings screen can offer (Azure needs the resource name filled in). */
export const AI_PROVIDER_PRESETS = [
  { id: 'openai', label: 'OpenAI', baseUrl: DEFAULT_OPENAI_BASE_URL, needsKey: true },
  { id: 'azure', label: 'Azure OpenAI (v1 API)', baseUrl: 'https://YOUR-RESOURCE.openai.azure.com/openai/v1', needsKey: true },
  { id: 'ollama', label: 'Ollama (this computer)', baseUrl: 'http://127.0.0.1:11434/v1', needsKey: false },
  { id: 'lmstudio', label: 'LM Studio (this computer)', baseUrl: 'http://127.0.0.1:1234/v1', needsKey: false }
] as const

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
