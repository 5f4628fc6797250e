/**
 * Analytics DTOs (issue 10 items 1, 5, 6): the funnel and trends, breakdowns, usage and cost,
 * recommendations, the drill-down, CSV export and back-testing. Computed main-side
 * (src/main/analytics) from the user's own history; every rate carries a 95% interval and says
 * when its sample is too small to read. No NaN or Infinity anywhere: an unknown figure is null.
 */

export const ANALYTICS_PERIODS = ['7d', '30d', '90d', 'all'] as const
export type AnalyticsPeriod = (typeof ANALYTICS_PERIODS)[number]

/** The funnel, in order. A proposal counts once, at the furthest stage it reached (out-of-order events too). */
export const FUNNEL_STAGES = ['sent', 'viewed', 'replied', 'interview', 'hired'] as const
export type FunnelStage = (typeof FUNNEL_STAGES)[number]

/** The breakdowns the dashboard shows (and the drill-down filters by). */
export const BREAKDOWN_KINDS = ['template', 'strategy', 'category', 'budgetBand', 'clientCountry', 'scoreBand', 'postingAgeBand', 'hourOfDay'] as const
export type BreakdownKind = (typeof BREAKDOWN_KINDS)[number]

/** Below this many proposals (or with an interval wider than SMALL_INTERVAL_WIDTH) a rate is "small": shown with its interval and "need N more". */
export const SMALL_SAMPLE_N = 10
export const SMALL_INTERVAL_WIDTH = 0.5

/** A proportion with its 95% Wilson interval. `rate`/`low`/`high` are null when n = 0. */
export interface RateDto {
  /** Successes. */
  k: number
  /** Trials. */
  n: number
  rate: number | null
  low: number | null
  high: number | null
  /** Too few to read (n < SMALL_SAMPLE_N or the interval wider than SMALL_INTERVAL_WIDTH). */
  small: boolean
  /** How many more trials until it is no longer small (0 when it is not). */
  needMore: number
}

/** A ratio of two rates with its 95% interval (log method); null figures when it cannot be computed. */
export interface RatioDto {
  ratio: number | null
  low: number | null
  high: number | null
  /** The interval excludes 1. */
  strong: boolean
}

export interface FunnelStageDto {
  stage: FunnelStage
  /** Proposals that reached this stage or a later one. */
  count: number
  /** Of those sent. */
  ofSent: RateDto
  /** Of those that reached the previous stage (sent: null). */
  ofPrevious: RateDto | null
}

/** One local day (the app's time zone). */
export interface DailyPointDto {
  /** YYYY-MM-DD, local. */
  day: string
  sent: number
  /** Of the proposals sent that day, those that got a reply (replied stage or later), as known now. */
  replies: number
  replyRate: number | null
  /** The day's reply rate's 95% Wilson interval (null when nothing was sent); always set by main (optional for older fakes). */
  replyRateLow?: number | null
  replyRateHigh?: number | null
  /** The day's sample is too small to read its rate alone (a single day usually is). */
  small?: boolean
  /** Average bid of the day's proposals with a bid (null: none). */
  avgBid: number | null
  /** Connects spent that day (known values only). */
  connects: number
}

export interface BreakdownRowDto {
  /** Stable key the drill-down takes back (e.g. a template id as text, '0-59', 'US', '14'). '' = not known. */
  key: string
  /** A name to show when the key is an id (template name; null when the key is shown as it is or is unknown). */
  label: string | null
  /** The template was deleted or archived since (its proposals still count). */
  gone?: boolean
  n: number
  replies: number
  rate: RateDto
  /** Rate ratio against all the other rows together (null for a single row or no data). */
  vsRest: RatioDto | null
  small: boolean
}

export interface BreakdownDto {
  kind: BreakdownKind
  rows: BreakdownRowDto[]
}

export interface UsageDto {
  api: {
    /** Upwork API requests in the period (counted per hour window). */
    requests: number
  }
  ai: {
    calls: number
    failed: number
    promptTokens: number
    completionTokens: number
    /** Sum of known costs; null when no call in the period has a known cost (never a made-up $0). */
    costUsd: number | null
    /** Calls whose cost is not known (no price for the model, no usage reported): not in costUsd. */
    unpricedCalls: number
    /** Known AI cost per proposal sent in the period (null: unknown or no proposals). */
    costPerProposalUsd: number | null
  }
}

export interface RecommendationDto {
  /** Stable id (e.g. 'postingAge', 'clientNoHires', 'template:12'). */
  id: string
  /** The sentence, rendered in the language in force. */
  text: string
  /** The catalog key and params it was rendered from (tests, and a UI that re-renders). */
  key: string
  params: Record<string, string | number>
  /** The figure behind it: a ratio (× more replies) or a rate, with its 95% interval, over n proposals. */
  figure: { kind: 'ratio' | 'rate' | 'probability'; value: number; low: number | null; high: number | null; n: number }
  /** The drill-down that shows the proposals behind it, when there is one. */
  filter?: AnalyticsProposalFilter
}

/** What the dashboard says instead of figures when there is too little history. */
export interface NotEnoughDto {
  /** Proposals in the period. */
  have: number
  /** More proposals needed before rates can be read. */
  needMore: number
}

export interface DashboardDto {
  period: AnalyticsPeriod
  /** ISO bounds (from = null for 'all'); local-day aligned. */
  from: string | null
  to: string
  /** The history is the demo's sample data (the UI labels it); false in a real workspace. */
  sample: boolean
  /** Proposals sent in the period. */
  total: number
  /** Non-null when the period has fewer than SMALL_SAMPLE_N proposals ("not enough data yet: N more"). */
  notEnough: NotEnoughDto | null
  funnel: FunnelStageDto[]
  /** One point per local day from `from` (or the first proposal) to `to`, days without proposals included. */
  daily: DailyPointDto[]
  breakdowns: BreakdownDto[]
  /** Median hours from sending to the first reply (replied stage or later), over proposals that got one; null: none. */
  medianHoursToFirstReply: number | null
  connects: {
    /** Known Connects spent in the period. */
    spent: number
    /** Proposals whose Connects are known. */
    known: number
    perReply: number | null
    perHire: number | null
  }
  usage: UsageDto
  recommendations: RecommendationDto[]
  /** ISO time the figures were computed. */
  computedAt: string
}

/** A drill-down: the proposals behind a breakdown row, or those that reached a funnel stage. */
export type AnalyticsProposalFilter = { breakdown: BreakdownKind; key: string } | { stage: FunnelStage }

/** One proposal as the drill-down and the CSV show it. */
export interface AnalyticsProposalDto {
  id: number
  jobTitle: string | null
  upworkJobId: string | null
  /** ISO. */
  submittedAt: string
  /** The furthest funnel stage reached. */
  furthest: FunnelStage
  /** The current stage as recorded (may be lost/declined/withdrawn/archived). */
  stage: string | null
  status: string
  bidAmount: number | null
  connectsSpent: number | null
  templateId: number | null
  templateName: string | null
  strategy: string | null
  category: string | null
  clientCountry: string | null
  score: number | null
  minutesSincePosting: number | null
  /** Hours from sending to the first reply (null: none). */
  hoursToFirstReply: number | null
}

export interface AnalyticsProposalsDto {
  /** Matching proposals (all of them). */
  total: number
  /** Newest first, at most ANALYTICS_DRILLDOWN_LIMIT. */
  proposals: AnalyticsProposalDto[]
}
export const ANALYTICS_DRILLDOWN_LIMIT = 500

/**
 * CSV export: main writes the file (UTF-8 with BOM, RFC 4180, cells starting with = + - @ prefixed
 * with ') into the export folder (Electron: the user's Downloads folder; harness/tests: the data
 * folder's `exports/`), and returns where; the renderer shows the path (and may reveal it through shell).
 */
export interface CsvExportDto {
  /** Absolute path of the written file. */
  path: string
  fileName: string
  /** Data rows (one per proposal), not counting the header. */
  rows: number
  bytes: number
}

export interface BacktestCountDto {
  total: number
  kept: number
  lost: number
}

/** "What if" the current saved-search filters and score threshold had been applied to the history. */
export interface BacktestDto {
  sample: boolean
  /** The threshold used (settings.notifications.minScore) and the enabled saved searches whose filters were applied. */
  threshold: number
  searches: number
  proposals: BacktestCountDto
  replies: BacktestCountDto
  interviews: BacktestCountDto
  hires: BacktestCountDto
  /** Connects of the proposals the filters would have skipped (known values only). */
  connectsSaved: number
  /** Proposals whose features were not known (no snapshot): kept, counted here. */
  unknown: number
  /** Reply rate of the kept vs the skipped proposals. */
  keptReplyRate: RateDto
  skippedReplyRate: RateDto
}
