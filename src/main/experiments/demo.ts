/**
 * The demo workspace's experiment: over the sample history (analytics/synthetic, written by
 * demo/sample-history.ts), a clearly labelled running experiment — "Demo: Short + question vs
 * Portfolio-led" (its name rendered in the language in force, `experiments.demo.name`) — whose
 * two variants are the sample templates B and A, with the sample drafts that used them as its
 * assignments. So a newcomer sees a running experiment with results on the Analytics page.
 * Once per workspace: null when a demo experiment exists already, another experiment runs, or
 * the sample templates are missing.
 */
import { DEFAULT_EFFECTS } from '../analytics/synthetic/generate'
import { translator } from '@shared/i18n'
import type { Database } from '../db/open-database'
import { isStrategyId } from '../drafting/strategies'
import type { Clock } from '../ports/clock'
import { ExperimentService } from './experiment-service'

export async function seedDemoExperiment(db: Pick<Database, 'prisma' | 'client'>, clock: Clock): Promise<number | null> {
  const nameOf = (key: string): string | undefined => DEFAULT_EFFECTS.templates.find((t) => t.key === key)?.name
  const [better, reference] = [nameOf('B'), nameOf('A')]
  if (!better || !reference) return null
  const templates = await db.prisma.template.findMany({ where: { name: { in: [better, reference] }, tags: { contains: '"sample"' }, archivedAt: null }, orderBy: { id: 'asc' } })
  const b = templates.find((t) => t.name === better)
  const a = templates.find((t) => t.name === reference)
  if (!a || !b) return null
  if (await db.prisma.experiment.findFirst({ where: { OR: [{ demo: true }, { state: 'running' }] } })) return null
  const first = await db.prisma.proposalDraft.findFirst({ where: { templateId: { in: [a.id, b.id] } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } })
  // English is stored; the demo experiment's name is shown in the language in force (experiment-service.ts).
  const service = new ExperimentService({ db, clock, t: translator('en'), isStrategyId })
  const e = await service.create(
    {
      name: translator('en')('experiments.demo.name'),
      variants: [
        { name: better, kind: 'template', templateId: b.id },
        { name: reference, kind: 'template', templateId: a.id }
      ]
    },
    { demo: true, ...(first ? { startedAt: first.createdAt.getTime() } : {}) }
  )
  for (const v of e.variants) {
    await db.client.execute({ sql: `UPDATE "ProposalDraft" SET "variantId" = ? WHERE "templateId" = ? AND "kind" = 'proposal' AND "variantId" IS NULL`, args: [v.id, v.templateId] })
  }
  return e.id
}
