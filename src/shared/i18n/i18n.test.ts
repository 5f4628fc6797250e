import { describe, expect, it } from 'vitest'
import { catalogs, describeError, en, format, inEnglish, pluralCategory, renderText, resolveLanguage, text, translator, uk } from './index'

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]!).sort()

describe('catalogs', () => {
  it('Ukrainian has every English key and no other (the Catalog type also enforces it)', () => {
    expect(Object.keys(uk).sort()).toEqual(Object.keys(en).sort())
  })

  it('every string is written (none empty) and keeps the same placeholders', () => {
    for (const [lang, catalog] of Object.entries(catalogs)) {
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('')
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(en[key as keyof typeof en]))
      }
    }
  })

  // Identical on purpose: names, key labels and pure formats (a rate with its interval, a preview or names as given).
  it('Ukrainian is translated, not copied (apart from names, key labels and formats)', () => {
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === uk[k as keyof typeof uk])
    expect(same.sort()).toEqual(['analytics.ui.rate', 'analytics.ui.ratio', 'analytics.ui.times', 'app.name', 'banner.title', 'discovery.notify.one.body', 'error.plain', 'jobs.ai.outOf10', 'jobs.client.feedback', 'jobs.filter.scoreAtLeast', 'messaging.notify.many.body', 'messaging.notify.one.body', 'nav.shortcutHint', 'searches.ai.preset.openai', 'settings.language.en', 'settings.language.uk', 'status.upwork.connected', 'tray.tooltip'])
  })
})

describe('plural counts', () => {
  it('writes # as the language writes numbers (thousands grouped), and leaves a non-number as given', () => {
    const tpl = '{n, plural, one {# proposal} few {# пропозиції} many {# пропозицій} other {# proposals}}'
    expect(format(tpl, { n: 1332 }, 'en')).toBe('1,332 proposals')
    expect(format(tpl, { n: 1332 }, 'uk').replace(/\s/g, ' ')).toBe('1 332 пропозиції')
    expect(format(tpl, { n: 1 }, 'en')).toBe('1 proposal')
    expect(format(tpl, { n: '12' }, 'en')).toBe('12 proposals')
  })
})

describe('translator', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('en')('upwork.state.connected', { name: 'Dana' })).toBe('Connected as Dana')
    expect(translator('uk')('upwork.state.connected', { name: 'Dana' })).toBe('Підключено як Dana')
    expect(translator('en')('upwork.state.connected')).toBe('Connected as {name}')
  })

  it('resolves the language: a choice wins, else the OS (uk* → uk), else English', () => {
    expect(resolveLanguage('uk', ['en-US'])).toBe('uk')
    expect(resolveLanguage('en', ['uk-UA'])).toBe('en')
    expect(resolveLanguage('system', ['uk-UA', 'en'])).toBe('uk')
    expect(resolveLanguage('system', ['uk'])).toBe('uk')
    expect(resolveLanguage('system', ['de-DE', 'uk'])).toBe('uk')
    expect(resolveLanguage('system', ['en-GB', 'uk'])).toBe('en')
    expect(resolveLanguage('system', ['de-DE'])).toBe('en')
    expect(resolveLanguage('system', [])).toBe('en')
  })

  it('shows main’s words as they are (main renders them in the language in force) and uses the catalog only without them', () => {
    const t = translator('uk')
    expect(describeError(t, { code: 'network', message: 'GigPilot не зміг з’єднатися з Upwork.' })).toBe('GigPilot не зміг з’єднатися з Upwork.')
    expect(describeError(t, { message: 'plain' })).toBe('plain')
    expect(describeError(t, { code: 'unavailable', message: '' })).toBe(uk['errors.unavailable'])
    expect(describeError(translator('en'), { code: 'unavailable', message: '' })).toBe(en['errors.unavailable'])
  })

  it('plural forms follow the language: Ukrainian one/few/many, English one/other', () => {
    const uk5 = translator('uk')
    const days = (n: number) => uk5('upwork.err.timedOut', { minutes: n })
    expect(days(1)).toMatch(/за 1 хвилину\./)
    expect(days(3)).toMatch(/за 3 хвилини\./)
    expect(days(5)).toMatch(/за 5 хвилин\./)
    expect(days(21)).toMatch(/за 21 хвилину\./)
    expect(days(12)).toMatch(/за 12 хвилин\./)
    expect(translator('en')('upwork.err.timedOut', { minutes: 1 })).toMatch(/after 1 minute\./)
    expect(translator('en')('upwork.err.timedOut', { minutes: 2 })).toMatch(/after 2 minutes\./)
    expect(pluralCategory('uk', 2)).toBe('few')
  })

  it('renders a text with nested texts (Upwork’s own words kept as they are)', () => {
    const value = text('upwork.err.withServerText', { message: text('upwork.err.reconnect'), serverText: 'token revoked' })
    expect(renderText(translator('uk'), value)).toBe(`${uk['upwork.err.reconnect']} Відповідь Upwork: «token revoked»`)
    expect(inEnglish(value)).toBe(`${en['upwork.err.reconnect']} Upwork said: “token revoked”`)
  })
})
