/**
 * AI provider access (issue 7, item 6 groundwork): the LlmClient port and its openai-SDK adapter,
 * error codes, the structured-output helper, prompt hygiene for untrusted text, cost estimates and
 * the daily token budget. The analysis service (prompt, cache, AiCall log) builds on these.
 */
export { AI_PROVIDER_PRESETS, AiEndpointError, DEFAULT_OPENAI_BASE_URL, resolveAiBaseUrl } from './ai-endpoint'
export { aiCallRecord, aiCallRecords, type AiCallRecord } from './ai-call-record'
export type { CallOptions, ChatMessage, CompletionRequest, CompletionResult, LlmClient, LlmStream, TokenUsage } from './llm-client'
export { LLM_ERROR_MESSAGES, LlmError, RETRYABLE_CODES, retryAfterMs, type LlmErrorCode, type LlmErrorDetails } from './llm-errors'
export { OpenAiLlmClient, classifyLlmError, isLocalAiEndpoint, type OpenAiClientConfig } from './openai-client'
export { parseAnswer, structured, sumUsage, type StructuredRequest, type StructuredResult } from './structured'
export { MAX_UNTRUSTED_CHARS, UNTRUSTED_CONTENT_RULE, buildMessages, cleanUntrusted, untrustedBlock, type PromptParts, type UntrustedKind, type UntrustedText } from './prompt-hygiene'
export { MODEL_PRICES, PRICES_AS_OF, estimateCost, formatCost, priceFor, type CostEstimate, type ModelPrice } from './pricing'
export { assertWithinBudget, budgetDay, checkDailyTokenBudget, estimateTokens, type BudgetCheck, type BudgetInput } from './token-budget'
