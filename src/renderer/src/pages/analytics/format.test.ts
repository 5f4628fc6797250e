import { describe, expect, it } from 'vitest'
import { translator } from '@shared/i18n'
import { rate } from '../../test-support/fake-analytics'
import { bandText } from './Breakdowns'
import { chartPercent, dayLabel, dayRateText, errorBar, hoursText, percent, rateText, rateWithInterval, ratioText, usd } from './format'

const en = translator('en')
const uk = translator('uk')

describe('Analytics numbers in words', () => {
  it('a rate with its interval: "31% (23–40%)"; one decimal under 10%', () => {
    expect(rateText(en, 'en', rate(37, 120))).toBe('31% (23–40%)')
    expect(rateWithInterval(en, 'en', rate(3, 500))).toMatch(/^0\.6% \(0\.\d–1\.\d%\)$/)
    expect(rateText(uk, 'uk', rate(37, 120))).toMatch(/^31\s?% \(23–40\s?%\)$/)
  })

  it('a small sample gives the count and how many more it needs, never a bare percentage', () => {
    expect(rateText(en, 'en', rate(1, 5))).toBe('1 of 5 — not enough data yet: 5 more proposals to tell')
    expect(rateText(en, 'en', { ...rate(1, 9), needMore: 1 })).toBe('1 of 9 — not enough data yet: 1 more proposal to tell')
    expect(rateText(uk, 'uk', rate(2, 8))).toBe('2 з 8 — поки що замало даних: потрібно ще 2 пропозиції, щоб зробити висновок')
    expect(rateText(en, 'en', rate(0, 0))).toBe('no proposals')
  })

  it('a day’s reply rate: its interval, or its count when one day is too few', () => {
    expect(dayRateText(en, 'en', rate(2, 5))).toBe('2 of 5 (too few in one day to read alone)')
    expect(dayRateText(en, 'en', rate(37, 120))).toBe('31% (23–40%)')
    expect(dayRateText(en, 'en', rate(0, 0))).toBe('no proposals')
    expect(dayRateText(uk, 'uk', rate(1, 3))).toBe('1 з 3 (за один день замало, щоб робити висновки)')
  })

  it('never NaN: null, NaN and Infinity read as "—", "no proposals" or "unknown"', () => {
    const bad = { k: 1, n: 20, rate: Number.NaN, low: null, high: null, small: false, needMore: 0 }
    expect(rateText(en, 'en', bad)).toBe('no proposals')
    expect(percent('en', Number.NaN)).toBe('—')
    expect(ratioText(en, 'en', { ratio: Number.POSITIVE_INFINITY, low: 1, high: 2, strong: true })).toBe('—')
    expect(ratioText(en, 'en', null)).toBe('—')
    expect(hoursText(en, 'en', null)).toBe('—')
    expect(chartPercent(Number.NaN)).toBe(0)
    expect(errorBar(rate(0, 0))).toEqual([0, 0])
  })

  it('an unknown cost is "unknown", never $0; small costs keep their digits', () => {
    expect(usd(en, 'en', null)).toBe('unknown')
    expect(usd(uk, 'uk', null)).toBe('невідомо')
    expect(usd(en, 'en', 0.0035)).toBe('$0.0035')
    expect(usd(en, 'en', 12.5)).toBe('$12.50')
  })

  it('ratios, durations, error bars and days', () => {
    expect(ratioText(en, 'en', { ratio: 2.12, low: 1.41, high: 3.04, strong: true })).toBe('2.1× (1.4–3×)')
    expect(hoursText(en, 'en', 0.25)).toBe('15 min')
    expect(hoursText(en, 'en', 5.5)).toBe('5.5 h')
    expect(hoursText(en, 'en', 72)).toBe('3 days')
    const r = rate(37, 120)
    const [below, above] = errorBar(r)
    expect(below).toBeCloseTo((r.rate! - r.low!) * 100, 6)
    expect(above).toBeCloseTo((r.high! - r.rate!) * 100, 6)
    expect(dayLabel('en', '2026-11-05')).toBe('Nov 5')
    expect(dayLabel('en', 'not a day')).toBe('not a day')
  })

  it('band keys in words: budgets in dollars, minutes, hours; an unknown shape as given', () => {
    expect(bandText(en, 'en', 'budgetBand', 'fixed:<250')).toBe('Fixed < $250')
    expect(bandText(en, 'en', 'budgetBand', 'fixed:1000-4999')).toBe('Fixed $1,000–$4,999')
    expect(bandText(en, 'en', 'budgetBand', 'hourly:60+')).toBe('Hourly $60+/h')
    expect(bandText(uk, 'uk', 'budgetBand', 'hourly:30-59')).toBe('Погодинно 30\u00a0USD–59\u00a0USD/год')
    expect(bandText(en, 'en', 'postingAgeBand', '0-29')).toBe('0–29 min')
    expect(bandText(en, 'en', 'postingAgeBand', '1440+')).toBe('1,440+ min')
    expect(bandText(en, 'en', 'scoreBand', '90-100')).toBe('90–100')
    expect(bandText(en, 'en', 'hourOfDay', '9')).toBe('09:00')
    expect(bandText(en, 'en', 'clientCountry', 'US')).toBe('US')
    expect(bandText(en, 'en', 'budgetBand', 'weird')).toBe('weird')
  })
})
