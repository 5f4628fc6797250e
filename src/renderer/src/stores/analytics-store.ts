import { create } from 'zustand'
import type { AnalyticsPeriod, AnalyticsProposalFilter, AnalyticsProposalsDto, BacktestDto, CsvExportDto, DashboardDto } from '@shared/analytics'
import type { ProposalDetailDto } from '@shared/proposals'
import { api, toProblem, type Problem } from '../api'
import { whileBusy } from './store-helpers'

type Phase = 'idle' | 'loading' | 'ready' | 'error'

export interface DrillDown {
  filter: AnalyticsProposalFilter
  /** What the user clicked, as shown (e.g. "Template: Short + question"). */
  title: string
  phase: Phase
  result: AnalyticsProposalsDto | null
  error: Problem | null
}

interface AnalyticsState {
  /** The chosen period: kept while the app runs, so coming back to Analytics shows the same one. */
  period: AnalyticsPeriod
  phase: Phase
  dashboard: DashboardDto | null
  /** Whether any proposal was ever sent (all time), when the chosen period has none; null while not known. */
  hasHistory: boolean | null
  error: Problem | null
  drill: DrillDown | null
  /** A proposal opened from the drill-down (with its status history and draft id). */
  opened: ProposalDetailDto | null
  openError: Problem | null
  backtest: { phase: Phase; value: BacktestDto | null; error: Problem | null }
  exporting: boolean
  exported: CsvExportDto | null
  exportError: Problem | null
  setPeriod(period: AnalyticsPeriod): Promise<void>
  load(): Promise<void>
  loadBacktest(): Promise<void>
  drillDown(filter: AnalyticsProposalFilter, title: string): Promise<void>
  closeDrill(): void
  openProposal(id: number): Promise<void>
  exportCsv(): Promise<void>
  /** Loads the dashboard and the back-test and follows analytics:changed; returns the unsubscribe. */
  follow(): () => void
}

/** Counts loads, so an answer for a period the user has already left is dropped. */
let asked = 0
let drillAsked = 0

export const useAnalyticsStore = create<AnalyticsState>((set, get) => ({
  period: '30d',
  phase: 'idle',
  dashboard: null,
  hasHistory: null,
  error: null,
  drill: null,
  opened: null,
  openError: null,
  backtest: { phase: 'idle', value: null, error: null },
  exporting: false,
  exported: null,
  exportError: null,
  setPeriod: async (period) => {
    if (period === get().period && get().phase !== 'error') return
    // The drill-down and the export belonged to the other period.
    set({ period, drill: null, opened: null, exported: null, exportError: null })
    await get().load()
  },
  load: async () => {
    const n = ++asked
    const { period } = get()
    set({ phase: 'loading' })
    try {
      const dashboard = await api.analytics.dashboard({ period })
      // An empty period: is the whole history empty too (nothing to measure yet) or only this period?
      const hasHistory = dashboard.total > 0 ? true : period === 'all' ? false : (await api.analytics.dashboard({ period: 'all' })).total > 0
      if (n === asked) set({ dashboard, hasHistory, phase: 'ready', error: null })
    } catch (e) {
      if (n === asked) set({ phase: 'error', error: toProblem(e) })
    }
  },
  loadBacktest: async () => {
    set((s) => ({ backtest: { ...s.backtest, phase: 'loading' } }))
    try {
      set({ backtest: { phase: 'ready', value: await api.analytics.backtest({}), error: null } })
    } catch (e) {
      set((s) => ({ backtest: { phase: 'error', value: s.backtest.value, error: toProblem(e) } }))
    }
  },
  drillDown: async (filter, title) => {
    const n = ++drillAsked
    set({ drill: { filter, title, phase: 'loading', result: null, error: null }, opened: null, openError: null })
    try {
      const result = await api.analytics.proposals({ period: get().period, filter })
      if (n === drillAsked) set({ drill: { filter, title, phase: 'ready', result, error: null } })
    } catch (e) {
      if (n === drillAsked) set({ drill: { filter, title, phase: 'error', result: null, error: toProblem(e) } })
    }
  },
  closeDrill: () => {
    drillAsked++
    set({ drill: null, opened: null, openError: null })
  },
  openProposal: async (id) => {
    try {
      set({ opened: await api.proposals.get({ id }), openError: null })
    } catch (e) {
      set({ opened: null, openError: toProblem(e) })
    }
  },
  exportCsv: async () => {
    await whileBusy(get, set, 'exporting', 'exportError', async () => {
      set({ exported: null })
      set({ exported: await api.analytics.exportCsv({ period: get().period }) })
    })
  },
  follow: () => {
    // The back-test is asked for once the figures are in: it reads the whole history too, and the
    // page's first paint should not wait behind it.
    const both = (): void => void get().load().then(() => get().loadBacktest())
    const off = api.on('analytics:changed', both)
    both()
    return off
  }
}))
