import type { Database } from '../open-database'

/**
 * Upwork API request counters per window (`hour:2026-11-28T13`, `day:2026-11-28`, UTC), so the
 * hourly and daily budgets survive restarts. Implements the Upwork module's UsageCounterStore.
 */
export class ApiUsageRepository {
  constructor(private readonly db: Pick<Database, 'prisma'>) {}

  /** Adds `by` to every key, all or nothing (one transaction). */
  async increment(keys: string[], by = 1): Promise<void> {
    if (keys.length === 0) return
    const { prisma } = this.db
    await prisma.$transaction(
      [...new Set(keys)].map((key) =>
        prisma.apiUsageWindow.upsert({
          where: { key },
          create: { key, count: by },
          update: { count: { increment: by } }
        })
      )
    )
  }

  /** The count for one window; 0 when nothing was counted. */
  async get(key: string): Promise<number> {
    const row = await this.db.prisma.apiUsageWindow.findUnique({ where: { key }, select: { count: true } })
    return row?.count ?? 0
  }

  /** Deletes windows last counted before `olderThan` (epoch ms or Date). Returns how many. */
  async prune(olderThan: number | Date): Promise<number> {
    const { count } = await this.db.prisma.apiUsageWindow.deleteMany({ where: { updatedAt: { lt: new Date(olderThan) } } })
    return count
  }
}
