import { describe, expect, it } from 'vitest'
import { catalogs, describeError, en, resolveLanguage, translator, uk } from './index'

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()

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

  it('Ukrainian is translated, not copied (apart from names and key labels)', () => {
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === uk[k as keyof typeof uk])
    expect(same.sort()).toEqual(['app.name', 'banner.title', 'nav.shortcutHint', 'settings.language.en', 'settings.language.uk', 'status.upwork.connected', 'tray.tooltip'])
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

  it('translates a known error code and falls back to main’s message for others', () => {
    const t = translator('uk')
    expect(describeError(t, { code: 'network', message: 'Could not reach Upwork (ECONNREFUSED).' }, 'uk')).toBe(uk['errors.network'])
    expect(describeError(t, { code: 'oauth', message: 'Upwork refused the sign-in.' }, 'uk')).toBe('Upwork refused the sign-in.')
    expect(describeError(t, { message: 'plain' }, 'uk')).toBe('plain')
  })

  it('in English keeps main’s own words, which carry the specifics, and uses the catalog only without them', () => {
    const t = translator('en')
    const timeout = { code: 'timeout', message: 'Upwork did not send you back. Check that the callback URL is exactly http://127.0.0.1:47615/upwork/callback.' }
    expect(describeError(t, timeout, 'en')).toBe(timeout.message)
    expect(describeError(t, { code: 'unavailable', message: '' }, 'en')).toBe(en['errors.unavailable'])
  })
})
