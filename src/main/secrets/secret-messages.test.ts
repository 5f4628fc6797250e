import { describe, expect, it } from 'vitest'
import { catalogs } from '@shared/i18n'
import { tokensLostMessage } from '../upwork/upwork-connection'
import { SECRET_STATUS_MESSAGES } from './choose-secret-store'

/**
 * Nothing promises the keychain when secrets are somewhere else. `secrets_unavailable` is thrown
 * by the keychain store and by the safeStorage file store alike, so its words name neither.
 */
describe('secret-storage wording', () => {
  it('the shared error text does not name the keychain (the safeStorage store throws it too)', () => {
    expect(catalogs.en['errors.secrets_unavailable']).not.toMatch(/keychain/i)
    expect(catalogs.uk['errors.secrets_unavailable']).not.toMatch(/системне сховище ключів/i)
  })

  it('each backend’s own status and lost-sign-in message names only that backend', () => {
    for (const m of [SECRET_STATUS_MESSAGES.memory, SECRET_STATUS_MESSAGES.memoryLinux]) expect(m).not.toMatch(/kept in your system keychain/i)
    expect(tokensLostMessage('memory')).not.toMatch(/keychain/i)
    expect(tokensLostMessage('safe-storage')).not.toMatch(/keychain/i)
    expect(tokensLostMessage('keychain')).toMatch(/keychain/)
  })
})
