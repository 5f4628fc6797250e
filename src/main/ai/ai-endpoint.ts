/**
 * Where the OpenAI-compatible API lives: the Settings value (a local model, Azure, a proxy) wins,
 * then OPENAI_BASE_URL, then OpenAI itself. Kept apart from the client so every AI feature and
 * the Settings screen agree on one rule.
 */
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1'

export function resolveAiBaseUrl(settingValue: string | null, env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.OPENAI_BASE_URL?.trim()
  return settingValue ?? (fromEnv ? fromEnv : DEFAULT_OPENAI_BASE_URL)
}
