import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BREAKDOWN_KINDS } from '@shared/analytics'
import { setLanguage } from '../../i18n'
import { useAnalyticsStore } from '../../stores/analytics-store'
import { useAppStore } from '../../stores/app-store'
import { useDraftsStore } from '../../stores/drafts-store'
import { analyticsProposal, breakdownRow, daily, emptyDashboard, fullDashboard, funnel, rate } from '../../test-support/fake-analytics'
import { installFakeBridge, type FakeBridge } from '../../test-support/fake-bridge'
import { AnalyticsPage } from './AnalyticsPage'

// happy-dom does no layout: a chart's box measures 0×0 there, so recharts would draw nothing.
// Give the charts' boxes the size a window gives them (the box's own height, 600 px wide).
const measure = HTMLElement.prototype.getBoundingClientRect
beforeAll(() => {
  HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
    const box = this.closest<HTMLElement>('.analytics-chart')
    if (!box) return measure.call(this)
    const height = Number.parseFloat(box.style.height) || 200
    return { x: 0, y: 0, top: 0, left: 0, width: 600, height, right: 600, bottom: height, toJSON: () => ({}) } as DOMRect
  }
})
afterAll(() => {
  HTMLElement.prototype.getBoundingClientRect = measure
})

let fake: FakeBridge
beforeEach(() => {
  useAnalyticsStore.setState(useAnalyticsStore.getInitialState(), true)
  useDraftsStore.setState(useDraftsStore.getInitialState(), true)
  fake = installFakeBridge()
})

async function renderPage(): Promise<ReturnType<typeof userEvent.setup>> {
  const user = userEvent.setup()
  render(<AnalyticsPage />)
  await screen.findByTestId('analytics-funnel').catch(() => screen.findByRole('heading', { level: 2 }))
  return user
}

const funnelRow = (stage: string): HTMLElement => screen.getByTestId('analytics-funnel-table').querySelector<HTMLElement>(`tr[data-stage="${stage}"]`)!

describe('Analytics page', () => {
  it('shows the funnel as a chart and each rate with its 95% interval as text', async () => {
    await renderPage()
    expect(fake.callsOf('analytics:dashboard')).toEqual([{ period: '30d' }])
    // 37 of 120 replied: 31% (23–40%) by Wilson.
    expect(funnelRow('replied')).toHaveTextContent('37')
    expect(funnelRow('replied')).toHaveTextContent(/31% \(\d\d–\d\d%\)/)
    expect(funnelRow('sent')).toHaveTextContent('120')
    const chart = within(screen.getByTestId('analytics-funnel-chart'))
    expect(chart.getByTitle('Proposals that reached each stage')).toBeInTheDocument()
    expect(screen.getByTestId('analytics-funnel-chart').querySelectorAll('.recharts-bar-rectangle')).toHaveLength(5)
  })

  it('a small sample says how many more proposals it needs instead of a bare percentage', async () => {
    fake.analytics.dashboards['30d'] = fullDashboard('30d', { total: 5, funnel: funnel([5, 3, 1, 0, 0]), notEnough: { have: 5, needMore: 5 } })
    await renderPage()
    const replied = funnelRow('replied')
    expect(replied).toHaveTextContent('1 of 5 — not enough data yet: 5 more proposals to tell')
    expect(replied.textContent).not.toMatch(/\d%/)
    expect(screen.getByTestId('analytics-not-enough')).toHaveTextContent('Not enough data yet: 5 proposals in this period, 5 more proposals to tell.')
  })

  it('clicking a breakdown bar (or its name) lists the proposals behind it: analytics:proposals with the bar’s key and the period', async () => {
    const user = await renderPage()
    // The breakdowns are drawn right after the first paint.
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Break down by' }), 'clientCountry')
    const bars = screen.getByTestId('analytics-breakdown-chart').querySelectorAll('.recharts-bar-rectangle')
    expect(bars).toHaveLength(3)
    await user.click(bars[1]!.querySelector('path') ?? bars[1]!)
    await waitFor(() => expect(fake.callsOf('analytics:proposals')).toEqual([{ period: '30d', filter: { breakdown: 'clientCountry', key: 'DE' } }]))
    const drill = await screen.findByTestId('analytics-drilldown')
    expect(within(drill).getByRole('heading', { name: 'Proposals: Client country “DE”' })).toHaveFocus()
    expect(within(drill).getAllByRole('row')).toHaveLength(3)
    // The table under the chart drills down the same way, by the row's key.
    await user.click(within(screen.getByTestId('analytics-breakdown-table')).getByRole('button', { name: 'UA' }))
    await waitFor(() => expect(fake.callsOf('analytics:proposals').at(-1)).toEqual({ period: '30d', filter: { breakdown: 'clientCountry', key: 'UA' } }))
  })

  it('a proposal in the drill-down opens with its text, and its draft opens in Drafts', async () => {
    const p = fake.review.proposal({ jobTitle: 'Job 1', draftId: 7, coverLetter: 'Hello <b>there</b>' })
    fake.analytics.drill = () => ({ total: 1, proposals: [analyticsProposal(p.id, { jobTitle: 'Job 1', furthest: 'hired', stage: 'hired', status: 'Hired' })] })
    const user = await renderPage()
    await user.click(within(screen.getByTestId('analytics-funnel-table')).getByRole('button', { name: 'Hired' }))
    expect(fake.callsOf('analytics:proposals')).toEqual([{ period: '30d', filter: { stage: 'hired' } }])
    await user.click(await within(screen.getByTestId('analytics-drilldown')).findByRole('button', { name: 'Job 1' }))
    const opened = await screen.findByTestId('analytics-opened-proposal')
    // Untrusted text is text: the markup shows, no element is made.
    expect(opened).toHaveTextContent('Hello <b>there</b>')
    expect(opened.querySelector('b')).toBeNull()
    await user.click(within(opened).getByRole('button', { name: 'Open the draft' }))
    await waitFor(() => expect(useAppStore.getState().area).toBe('drafts'))
    expect(useDraftsStore.getState().selectedId).toBe(7)
  })

  it('keyboard: j/k open the next and previous proposal of the drill-down, Enter its draft, Esc closes the list', async () => {
    const first = fake.review.proposal({ jobTitle: 'First', draftId: 3 })
    const second = fake.review.proposal({ jobTitle: 'Second', draftId: null })
    fake.analytics.drill = () => ({ total: 2, proposals: [analyticsProposal(first.id, { jobTitle: 'First' }), analyticsProposal(second.id, { jobTitle: 'Second' })] })
    const user = await renderPage()
    await user.click(within(screen.getByTestId('analytics-funnel-table')).getByRole('button', { name: 'Replied' }))
    await within(screen.getByTestId('analytics-drilldown')).findByRole('button', { name: 'First' })
    await user.keyboard('j')
    expect(await screen.findByRole('region', { name: 'First' })).toBeInTheDocument()
    await user.keyboard('j')
    expect(await screen.findByRole('region', { name: 'Second' })).toBeInTheDocument()
    await user.keyboard('k')
    expect(await screen.findByRole('region', { name: 'First' })).toBeInTheDocument()
    expect(fake.callsOf('proposals:get')).toEqual([{ id: first.id }, { id: second.id }, { id: first.id }])
    await user.keyboard('{Enter}')
    await waitFor(() => expect(useAppStore.getState().area).toBe('drafts'))
    expect(useDraftsStore.getState().selectedId).toBe(3)
    await user.keyboard('{Escape}')
    expect(screen.queryByTestId('analytics-drilldown')).toBeNull()
  })

  it('changing the period reloads the figures for it, and the choice is remembered when the page comes back', async () => {
    const user = await renderPage()
    fake.analytics.dashboards['7d'] = fullDashboard('7d', { total: 12, funnel: funnel([12, 8, 6, 2, 1]) })
    await user.click(screen.getByRole('button', { name: 'Last 7 days' }))
    await waitFor(() => expect(funnelRow('sent')).toHaveTextContent('12'))
    expect(fake.callsOf('analytics:dashboard')).toEqual([{ period: '30d' }, { period: '7d' }])
    expect(screen.getByRole('button', { name: 'Last 7 days' })).toHaveAttribute('aria-pressed', 'true')
    // Export writes the chosen period.
    await user.click(screen.getByRole('button', { name: 'Export CSV' }))
    expect(await screen.findByTestId('analytics-export-done')).toHaveTextContent('Saved 120 proposals to /data/exports/gigpilot-proposals-2026-12-01.csv')
    expect(fake.analytics.exports).toEqual(['7d'])
    screen.getByTestId('analytics-funnel').remove()
    render(<AnalyticsPage />)
    await waitFor(() => expect(fake.callsOf('analytics:dashboard').at(-1)).toEqual({ period: '7d' }))
  })

  it('main says the history changed (analytics:changed): the figures and the back-test reload', async () => {
    await renderPage()
    expect(fake.callsOf('analytics:backtest')).toHaveLength(1)
    fake.analytics.dashboards['30d'] = fullDashboard('30d', { total: 121, funnel: funnel([121, 80, 37, 12, 4]) })
    act(() => fake.analytics.changed())
    await waitFor(() => expect(funnelRow('sent')).toHaveTextContent('121'))
    expect(fake.callsOf('analytics:backtest')).toHaveLength(2)
  })

  it('no history at all: says there is nothing to measure yet and what will fill the page', async () => {
    fake.analytics.dashboards.all = emptyDashboard('all')
    fake.analytics.dashboards['30d'] = emptyDashboard('30d')
    render(<AnalyticsPage />)
    expect(await screen.findByRole('heading', { name: 'Nothing to measure yet' })).toBeVisible()
    expect(screen.getByText('Once you send proposals, this page shows which approaches win replies and interviews.')).toBeVisible()
    expect(screen.queryByTestId('analytics-funnel')).toBeNull()
    expect(document.querySelector('.recharts-surface')).toBeNull()
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/)
  })

  it('history, but none in the chosen period: says so and offers all time', async () => {
    fake.analytics.dashboards['30d'] = emptyDashboard('30d')
    const user = userEvent.setup()
    render(<AnalyticsPage />)
    expect(await screen.findByRole('heading', { name: 'No proposals in this period' })).toBeVisible()
    expect(screen.getByText(/Nothing was sent in the chosen period \(Last 30 days\)/)).toBeVisible()
    await user.click(screen.getByRole('button', { name: 'Show all time' }))
    expect(await screen.findByTestId('analytics-funnel')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'All time' })).toHaveAttribute('aria-pressed', 'true')
  })

  it('edge figures (one proposal, every rate null, NaN from a bad day, an unknown AI cost) render without NaN and without a made-up $0', async () => {
    const dash = fullDashboard('30d', {
      total: 1,
      notEnough: { have: 1, needMore: 9 },
      funnel: funnel([1, 0, 0, 0, 0]),
      daily: [...daily([1], [0]), { day: '2026-11-02', sent: 0, replies: 0, replyRate: Number.NaN, avgBid: Number.POSITIVE_INFINITY, connects: 0 }],
      breakdowns: BREAKDOWN_KINDS.map((kind) => ({ kind, rows: [breakdownRow('', 0, 1), { ...breakdownRow('x', 0, 0), rate: rate(0, 0) }] })),
      medianHoursToFirstReply: null,
      connects: { spent: 0, known: 0, perReply: null, perHire: null },
      usage: { api: { requests: 3 }, ai: { calls: 2, failed: 0, promptTokens: 10, completionTokens: 5, costUsd: null, unpricedCalls: 2, costPerProposalUsd: null } },
      recommendations: []
    })
    fake.analytics.dashboards['30d'] = dash
    fake.analytics.backtest = { ...fake.analytics.backtest, proposals: { total: 0, kept: 0, lost: 0 } }
    await renderPage()
    await screen.findByTestId('analytics-breakdown-table')
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/)
    const cost = screen.getByTestId('analytics-headline').querySelector('[data-figure="aiCost"]')!
    expect(cost).toHaveTextContent('unknown + 2 calls of unknown cost')
    expect(screen.getByTestId('analytics-headline')).not.toHaveTextContent('$0')
    expect(screen.getByTestId('analytics-headline').querySelector('[data-figure="connectsPerHire"]')).toHaveTextContent('no hires yet')
    expect(within(await screen.findByTestId('analytics-breakdown-table')).getByRole('button', { name: 'not known' })).toBeEnabled()
    expect(screen.getByTestId('analytics-recommendations')).toHaveTextContent('No recommendation yet')
    expect(screen.getByTestId('analytics-backtest')).toHaveTextContent('No history to test your filters on yet.')
  })

  it('the demo’s sample history is labelled; recommendations and the back-test say their figures', async () => {
    fake.analytics.dashboards['30d'] = fullDashboard('30d', { sample: true })
    await renderPage()
    expect(screen.getByRole('note', { name: 'Sample history — connect Upwork to see yours' })).toBeVisible()
    const rec = screen.getByTestId('analytics-recommendations')
    expect(rec).toHaveTextContent('You get 2.1× more replies on jobs you answer within an hour')
    expect(rec).toHaveTextContent('2.1× (95% interval 1.4–3×) · 120 proposals')
    expect(await screen.findByTestId('analytics-backtest-sentence')).toHaveTextContent(
      'With your current filters and threshold you would have kept 41 of 45 replies and 3 of 3 hires, and saved 120 Connects.'
    )
  })

  it('a failed load says why and tries again', async () => {
    fake.failNext('analytics:dashboard', { code: 'internal', message: 'disk full' })
    const user = userEvent.setup()
    render(<AnalyticsPage />)
    expect(await screen.findByRole('alert')).toHaveTextContent('Your figures could not be worked out')
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByTestId('analytics-funnel')).toBeInTheDocument()
  })

  it('in Ukrainian', async () => {
    setLanguage('uk')
    fake.analytics.dashboards['30d'] = fullDashboard('30d', { sample: true, total: 3, funnel: funnel([3, 1, 1, 0, 0]), notEnough: { have: 3, needMore: 7 } })
    await renderPage()
    expect(screen.getByRole('tab', { name: 'Огляд' })).toHaveAttribute('aria-selected', 'true')
    expect(funnelRow('replied')).toHaveTextContent('1 з 3 — поки що замало даних: потрібно ще 7 пропозицій, щоб зробити висновок')
    expect(screen.getByTestId('analytics-sample-label')).toHaveTextContent('Зразкова історія')
  })

  it('has an Experiments tab beside the Overview', async () => {
    const user = await renderPage()
    await user.click(screen.getByRole('tab', { name: 'Experiments' }))
    expect(screen.getByRole('tab', { name: 'Experiments' })).toHaveAttribute('aria-selected', 'true')
    expect(screen.queryByTestId('analytics-funnel')).toBeNull()
    // ←/→ move between the tabs, the focus with them.
    await user.keyboard('{ArrowLeft}')
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveFocus()
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true')
    expect(await screen.findByTestId('analytics-funnel')).toBeInTheDocument()
    await user.keyboard('{ArrowRight}')
    expect(screen.getByRole('tab', { name: 'Experiments' })).toHaveFocus()
  })
})
