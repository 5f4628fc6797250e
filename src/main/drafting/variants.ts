/**
 * Experiment variant assignment (issue 8 item 3; the analytics issue creates the experiments):
 * when active variants exist, a new draft the user did not steer (no template or strategy chosen
 * by hand) gets one at random, and its template or strategy; the assignment is stored on the
 * draft. `random` is injectable so tests can choose.
 */
import type { Database } from '../db/open-database'
import { isStrategyId } from './strategies'

export interface VariantAssignment {
  variantId: number
  templateId: number | null
  strategy: string | null
}

export class VariantPicker {
  constructor(
    private readonly db: Pick<Database, 'prisma'>,
    private readonly random: () => number = Math.random
  ) {}

  async assign(): Promise<VariantAssignment | null> {
    const active = await this.db.prisma.experimentVariant.findMany({
      where: { active: true, OR: [{ kind: 'template', templateId: { not: null }, template: { archivedAt: null } }, { kind: 'strategy', strategy: { not: null } }] },
      orderBy: { id: 'asc' }
    })
    const usable = active.filter((v) => v.kind === 'template' || isStrategyId(v.strategy ?? ''))
    if (usable.length === 0) return null
    const index = Math.min(usable.length - 1, Math.floor(this.random() * usable.length))
    const v = usable[index]!
    return { variantId: v.id, templateId: v.kind === 'template' ? v.templateId : null, strategy: v.kind === 'strategy' ? v.strategy : null }
  }
}
