import { describe, expect, it } from 'vitest'
import { translator } from '@shared/i18n'
import type { PendingMessage } from './message-store'
import { notificationFor, NOTIFY_NAME_CHARS } from './notification'

const message = (over: Partial<PendingMessage> = {}): PendingMessage => ({
  id: 1, storyId: 's1', roomId: 'r1', fromMe: false, backfill: false, text: 'Hello', sentAt: 0, authorName: null, clientName: 'Maya', jobId: null, proposalId: null, ...over
})

describe('notificationFor: a client chooses their name, the notification stays short', () => {
  it('a 200-character name with line breaks is one line of at most NOTIFY_NAME_CHARS characters in the title and in the list of names', () => {
    const long = `Maya\n${'Very Long Company Name '.repeat(9)}`.slice(0, 200)
    const one = notificationFor([message({ clientName: long, text: 'Hi' })], translator('en'))!
    const shown = one.title.replace('New message from ', '')
    expect(shown).toHaveLength(NOTIFY_NAME_CHARS)
    expect(shown).toMatch(/^Maya Very Long Company Name .*…$/)
    const many = notificationFor([message({ clientName: long }), message({ id: 2, roomId: 'r2', clientName: 'Bo' })], translator('en'))!
    expect(many.body).toBe(`Bo, ${shown}`)
  })
})
