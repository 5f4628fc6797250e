/**
 * The demo workspace's experiment (issue 10 item 6 of the experiments brief): over the sample
 * history (analytics/synthetic, written by the demo hook), a clearly labelled running experiment —
 * "Demo: Short + question vs Portfolio-led" — whose two variants are the sample templates B and
 * A, with the sample drafts that used them as its assignments. So a newcomer sees a running
 * experiment with results on the Analytics page. Once per workspace (null when it exists already,
 * when another experiment runs, or when the sample templates are missing).
 */
import type { Translate } from '@shared/i18n'
import type { Database } from '../db/open-database'
import type { ExperimentService } from './experiment-service'

export async function seedDemoExperiment(
  service: ExperimentService,
  db: Pick<Database, 'prisma' | 'client'>,
  /** Sample template key → Template.id (writeHistory's `templateIds`). */
  templateIds: Readonly<Record<string, number>>,
  t: Translate
): Promise<number | null> {
  const a = templateIds.A
  const b = templateIds.B
  if (a === undefined || b === undefined) return null
  if (await db.prisma.experiment.findFirst({ where: { OR: [{ demo: true }, { state: 'running' }] } })) return null
  const first = await db.prisma.proposalDraft.findFirst({ where: { templateId: { in: [a, b] } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } })
  const e = await service.create(
    {
      name: t('experiments.demo.name'),
      variants: [
        { name: t('experiments.demo.variantA'), kind: 'template', templateId: b },
        { name: t('experiments.demo.variantB'), kind: 'template', templateId: a }
      ]
    },
    { demo: true, ...(first ? { startedAt: first.createdAt.getTime() } : {}) }
  )
  for (const v of e.variants) {
    await db.client.execute({ sql: `UPDATE "ProposalDraft" SET "variantId" = ? WHERE "templateId" = ? AND "kind" = 'proposal' AND "variantId" IS NULL`, args: [v.id, v.templateId] })
  }
  return e.id
}
