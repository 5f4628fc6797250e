/**
 * AI DTOs shared by main and the renderer (Settings → AI, the job detail's analysis). Pure types
 * and constants; the channels are in contract/ai.ts.
 */

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1'

/** Base URLs Settings → AI offers (Azure needs the resource name filled in); the renderer names them through i18n by id. */
export const AI_PROVIDER_PRESETS = [
  { id: 'openai', label: 'OpenAI', baseUrl: DEFAULT_OPENAI_BASE_URL, needsKey: true },
  { id: 'azure', label: 'Azure OpenAI (v1 API)', baseUrl: 'https://YOUR-RESOURCE.openai.azure.com/openai/v1', needsKey: true },
  { id: 'ollama', label: 'Ollama (this computer)', baseUrl: 'http://127.0.0.1:11434/v1', needsKey: false },
  { id: 'lmstudio', label: 'LM Studio (this computer)', baseUrl: 'http://127.0.0.1:1234/v1', needsKey: false }
] as const
export type AiPresetId = (typeof AI_PROVIDER_PRESETS)[number]['id']

/** What an AI call was for: one AiCall row each (the usage shown in Settings → AI is summed over all). */
export const AI_TASKS = ['job_analysis', 'proposal_draft', 'reply_draft', 'test_connection'] as const
export type AiTask = (typeof AI_TASKS)[number]

export const AI_RECOMMENDATIONS = ['apply', 'consider', 'skip'] as const
export type AiRecommendation = (typeof AI_RECOMMENDATIONS)[number]

/** Today's AI usage (the budget day, local midnight to midnight) and this hour's requests. */
export interface AiUsageDto {
  /** Start of the budget day, epoch ms. */
  dayStart: number
  calls: number
  /** Prompt + completion tokens today. */
  tokens: number
  /** Sum of the calls whose cost is known, USD (an estimate). */
  estimatedCostUsd: number
  /** Calls today whose cost is unknown (no price for the model, or no usage reported): not counted as $0. */
  unknownCostCalls: number
  dailyTokenBudget: number
  /** Tokens left today, never negative. */
  budgetLeft: number
  /** Requests sent to the provider in the last 60 minutes. */
  requestsThisHour: number
  hourlyRequestLimit: number
}

export type AiBaseUrlSource = 'settings' | 'env' | 'default'

export interface AiStatusDto {
  /** A call can be made: a key is stored, or the base URL is a server on this computer that needs none. */
  configured: boolean
  keyStored: boolean
  /** false for a local server (Ollama, LM Studio on 127.0.0.1/localhost). */
  needsKey: boolean
  /** Where the key lives: 'keychain' | 'safe-storage' | 'memory'. */
  secretBackend: string
  /** The base URL in force (settings, else OPENAI_BASE_URL, else OpenAI), and where it came from. */
  baseUrl: string
  baseUrlSource: AiBaseUrlSource
  /** The matching preset id ('openai', 'azure', 'ollama', 'lmstudio'), or null for a custom URL. */
  preset: string | null
  /** OPENAI_BASE_URL is set but not allowed: the reason, in the language in force (else null). */
  baseUrlProblem: string | null
  model: string
  usage: AiUsageDto
  /** The last automatic top-K run after an ingest, or null. */
  lastAutoAnalysis: AutoAnalysisRunDto | null
}

export interface AutoAnalysisRunDto {
  at: number
  analysed: number
  /** Served from the cache (no AI call). */
  cached: number
  /** Candidates not analysed because the budget or the hourly limit ran out (or the AI failed). */
  skipped: number
  /** Why the run stopped early, in the language in force; null when it finished. */
  stoppedBecause: string | null
}

export interface AiConnectionTestDto {
  ok: boolean
  /** Plain words, in the language in force: what worked or what to do. */
  message: string
  /** Model ids the provider offers (first 200). */
  models: string[]
  /** Whether the chosen model is among them; null when the test failed before listing. */
  modelOffered: boolean | null
  model: string
  baseUrl: string
  /** The error code when it failed (an LlmErrorCode or 'ai_not_configured'). */
  code: string | null
}

/** An AI assessment of one job for the user's profile (issue 7, item 6). */
export interface JobAnalysisDto {
  jobId: number
  /** 0–10 each. */
  skillMatch: number
  budgetMatch: number
  complexityMatch: number
  /** The AI's words about the client; null after the job's content was pruned (24 h rule). */
  clientAssessment: string | null
  recommendation: AiRecommendation
  /** The AI's reasoning; null after the job's content was pruned (it quotes the job). */
  reasoning: string | null
  model: string
  promptVersion: number
  createdAt: number
  /** true when this answer came from the cache (no AI call, no cost). */
  cached: boolean
  /** The text parts were blanked when the job's content was pruned; the numbers stay. */
  textPruned: boolean
}
