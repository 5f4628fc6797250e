import type { ExperimentSummaryDto } from '@shared/experiments'
import type { BadgeTone } from '../../ui'
import type { Translate } from '../../i18n'

/**
 * An experiment's state in the user's words: running / "not enough data yet: N more proposals to
 * tell" / winner found / stopped. `names` maps variant ids to names (for the winner and the kept one).
 */
export function decisionText(t: Translate, e: ExperimentSummaryDto, names: ReadonlyMap<number, string>): { label: string; detail: string | null; tone: BadgeTone } {
  if (e.state === 'stopped') {
    const kept = e.keptVariantId !== null ? names.get(e.keptVariantId) : undefined
    return { label: t('learning.state.stopped'), detail: kept !== undefined ? t('learning.state.kept', { name: kept }) : null, tone: 'neutral' }
  }
  const d = e.decision
  switch (d.kind) {
    case 'winner': {
      const name = names.get(d.variantId)
      // Before its variants are loaded, main's own sentence names the winner.
      return { label: t('learning.state.winner'), detail: name !== undefined ? t('learning.state.winnerIs', { name, p: Math.round(d.pBest * 100) }) : e.summary, tone: 'ok' }
    }
    case 'notEnoughData':
      return {
        label: t('learning.state.running'),
        detail: d.moreProposals !== null ? t('learning.state.notEnough', { n: d.moreProposals }) : t('learning.state.notEnoughUnknown'),
        tone: 'accent'
      }
    case 'noWinnerYet':
      return {
        label: t('learning.state.running'),
        detail: d.moreProposals !== null ? t('learning.state.noWinnerYet', { n: d.moreProposals }) : t('learning.state.noDifference'),
        tone: 'accent'
      }
    case 'cannotCompare':
      return { label: t('learning.state.running'), detail: t('learning.state.cannotCompare'), tone: 'warn' }
  }
}
