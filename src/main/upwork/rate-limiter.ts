import { text } from '@shared/i18n'
import type { ApiUsage } from '@shared/types'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import { UpworkError } from './errors'
import { TypedEmitter } from '../core/typed-emitter'
import { dayKey, hourKey, nextDayStart, nextHourStart, type UsageCounterStore } from './usage-counter-store'

/**
 * Keeps GigPilot inside three limits before each request leaves the machine:
 * - Upwork's 10 requests/second (per IP): a sliding window (WINDOW_MS), default 8 per window for
 *   headroom (send-time jitter, other tools on the same IP);
 * - Upwork's 40,000 requests/day per key (UTC day);
 * - the user's own hourly budget (Settings → Upwork account, default 300).
 * The day and hour counters are persisted through UsageCounterStore so a restart does not reset
 * them. Every attempt counts (a retry is a real request). Budgets fail fast with a plain message;
 * the per-second limit waits.
 */

export const DEFAULT_REQUESTS_PER_SECOND = 8
export const UPWORK_DAILY_LIMIT = 40_000
/**
 * The sliding window is a little longer than a second: a request leaves the socket a moment after
 * it leaves the limiter, and that lag varies, so a strict 1,000 ms window could let N+1 requests
 * out within one real second. 8 per 1.1 s ≈ 7.3/s sustained, never more than 8 in any second.
 */
export const WINDOW_MS = 1_100

export interface RateLimiterOptions {
  store: UsageCounterStore
  clock: Clock
  hourlyBudget: () => number
  requestsPerSecond?: number
  dailyLimit?: number
  sleep?: (ms: number) => Promise<void>
  logger?: Logger
  /** Formats a reset time for messages; default local HH:MM. */
  formatTime?: (epochMs: number) => string
}

export interface RateLimiterEvents extends Record<string, unknown> {
  usageChanged: ApiUsage
}

export const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export class RateLimiter {
  readonly events = new TypedEmitter<RateLimiterEvents>()
  private readonly perSecond: number
  private readonly dailyLimit: number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly formatTime: (epochMs: number) => string
  /** Start times of the requests in the last second, oldest first. */
  private readonly recent: number[] = []
  /** acquire() calls run one after another so the window and the counters stay exact. */
  private chain: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: RateLimiterOptions) {
    this.perSecond = options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND
    if (!(this.perSecond > 0 && this.perSecond <= 10)) throw new Error('requestsPerSecond must be in (0, 10]')
    this.dailyLimit = options.dailyLimit ?? UPWORK_DAILY_LIMIT
    this.sleep = options.sleep ?? realSleep
    this.formatTime = options.formatTime ?? localHhMm
  }

  /** Shorthand for events.on('usageChanged'); returns the unsubscribe function. */
  onUsageChanged(listener: (usage: ApiUsage) => void): () => void {
    return this.events.on('usageChanged', listener)
  }

  get requestsPerSecond(): number {
    return this.perSecond
  }

  /** Waits for a slot, then counts one request. Throws budget_exhausted without waiting when a budget is used up. */
  acquire(): Promise<void> {
    const run = this.chain.then(() => this.acquireNow())
    this.chain = run.catch(() => undefined)
    return run
  }

  async usage(): Promise<ApiUsage> {
    const now = this.options.clock.now()
    const [hourUsed, dayUsed] = await Promise.all([
      this.options.store.get(hourKey(now)),
      this.options.store.get(dayKey(now))
    ])
    return {
      hour: { used: hourUsed, limit: this.options.hourlyBudget(), resetsAt: nextHourStart(now) },
      day: { used: dayUsed, limit: this.dailyLimit, resetsAt: nextDayStart(now) }
    }
  }

  private async acquireNow(): Promise<void> {
    await this.checkBudgets()
    await this.waitForSlot()
    // The hour may have rolled over while waiting; the counter keys use the time of sending.
    const now = this.options.clock.now()
    await this.options.store.increment([hourKey(now), dayKey(now)], 1)
    try {
      this.events.emit('usageChanged', await this.usage())
    } catch {
      // Reporting usage is best effort.
    }
    // The slot is taken last, as the request leaves: the counter write (an fsync) and the usage
    // read take a varying while, and the window must hold for when requests are sent.
    this.recent.push(this.options.clock.now())
  }

  private async checkBudgets(): Promise<void> {
    const usage = await this.usage()
    if (usage.day.used >= usage.day.limit) {
      throw new UpworkError(
        'budget_exhausted',
        text('upwork.err.dailyLimit', { limit: usage.day.limit.toLocaleString('en-US'), time: this.formatTime(usage.day.resetsAt) })
      )
    }
    if (usage.hour.used >= usage.hour.limit) {
      this.options.logger?.warn('Hourly Upwork request budget exhausted', { limit: usage.hour.limit })
      throw new UpworkError(
        'budget_exhausted',
        text('upwork.err.hourlyBudget', { limit: usage.hour.limit, time: this.formatTime(usage.hour.resetsAt) })
      )
    }
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.options.clock.now()
      while (this.recent.length > 0 && now - this.recent[0]! >= WINDOW_MS) this.recent.shift()
      if (this.recent.length < this.perSecond) return
      await this.sleep(WINDOW_MS - (now - this.recent[0]!))
    }
  }
}

function localHhMm(epochMs: number): string {
  const d = new Date(epochMs)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}
