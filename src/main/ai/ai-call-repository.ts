/**
 * The AiCall log in SQLite (through Prisma, on the database worker): one row per call that reached
 * the provider, paid for or not. Today's usage and this hour's request count are read from it, so
 * the budget and the rate limit survive a restart.
 */
import type { Database } from '../db/open-database'
import type { AiCallRecord } from './ai-call-record'

export interface AiUsageTotals {
  calls: number
  tokens: number
  /** Sum of the known costs. */
  costUsd: number
  /** Calls whose cost is unknown (null), not counted as $0. */
  unknownCostCalls: number
}

export class AiCallRepository {
  constructor(private readonly db: Pick<Database, 'prisma'>) {}

  /** Writes the records in one transaction, in order; returns their ids. */
  async insertMany(records: readonly AiCallRecord[], at: number): Promise<number[]> {
    if (records.length === 0) return []
    const { prisma } = this.db
    const rows = await prisma.$transaction(
      records.map((r) =>
        prisma.aiCall.create({
          data: {
            task: r.task,
            model: r.model,
            promptTokens: r.promptTokens,
            completionTokens: r.completionTokens,
            costUsd: r.costUsd,
            durationMs: r.durationMs === null ? null : Math.round(r.durationMs),
            ok: r.ok,
            error: r.error,
            createdAt: new Date(at)
          },
          select: { id: true }
        })
      )
    )
    return rows.map((r) => r.id)
  }

  /** Totals of the calls made at or after `since` (epoch ms). */
  async totalsSince(since: number): Promise<AiUsageTotals> {
    const where = { createdAt: { gte: new Date(since) } }
    const [sum, unknown] = await Promise.all([
      this.db.prisma.aiCall.aggregate({ where, _count: { _all: true }, _sum: { promptTokens: true, completionTokens: true, costUsd: true } }),
      this.db.prisma.aiCall.count({ where: { ...where, costUsd: null } })
    ])
    return {
      calls: sum._count._all,
      tokens: (sum._sum.promptTokens ?? 0) + (sum._sum.completionTokens ?? 0),
      costUsd: sum._sum.costUsd ?? 0,
      unknownCostCalls: unknown
    }
  }

  /** How many calls were made at or after `since` (the hourly request limit). */
  async countSince(since: number): Promise<number> {
    return this.db.prisma.aiCall.count({ where: { createdAt: { gte: new Date(since) } } })
  }
}
