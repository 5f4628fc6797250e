/** The fit score (issue 7, item 5): pure functions, no I/O. See score.ts for the formula. */
export { SCORE_VERSION, MAX_SCAN_CHARS, compileProfile, scoreJob, scoreJobs, scoreOnly, type CompileOptions, type CompiledProfile } from './score'
export { BASE_SCORE, DEFAULT_SCORE_WEIGHTS, parseScoreWeights, scoreWeightsSchema, type ScoreWeights, type ScoreWeightsInput } from './weights'
export { DEFAULT_SKILL_SYNONYMS, createSkillMatcher, normaliseSkill, synonymsFromOntology, type SkillMatcher, type SkillSynonyms } from './skills'
export { SUSPICIOUS_LABELS, findSuspiciousWording, type SuspiciousKind } from './red-flags'
export { fromJobSummary } from './from-upwork'
export { REASON_TEMPLATES, formatReason, formatReasonLine, reasonIn, reasonLineIn, type ReasonCode } from './reason-text'
export type { ComponentId, FitScore, FreelancerProfile, JobType, ScoreReason, ScoringJob } from './types'
