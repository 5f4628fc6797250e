import { describe, expect, it } from 'vitest'
import type { ProfileDto } from '@shared/discovery'
import type { TemplateDto } from '@shared/drafting'
import { translator } from '@shared/i18n'
import { EMPTY_SNAPSHOT } from '../drafting/draft-store'
import { builtInFor, firstName, renderReplyTemplate } from './reply-templates'

const profile = { name: 'Dana Kowalski', title: null, bio: '', skills: [], hourlyRate: null, yearsExperience: null, portfolio: [] } as unknown as ProfileDto
const job = { ...EMPTY_SNAPSHOT, title: 'Landing page' }
const own = (tags: string[], body: string, archived = false): TemplateDto => ({ id: 1, name: 'Mine', body, category: null, tags, usageCount: 0, archived, createdAt: 0, updatedAt: 0 })

describe('reply templates', () => {
  it('picks the built-in reply by what the client wrote', () => {
    expect(builtInFor('Can we have a quick call tomorrow?')).toBe('call')
    expect(builtInFor('Можемо зідзвонитися?')).toBe('call')
    expect(builtInFor('What is your rate?')).toBe('question')
    expect(builtInFor('Thanks, talk soon.')).toBe('reply')
    expect(builtInFor(null)).toBe('reply')
    expect(firstName('Anna K.')).toBe('Anna')
    expect(firstName('  ')).toBeNull()
  })

  it('words them in the language in force, with the client\'s first name and the freelancer\'s name when known', () => {
    const input = { kind: 'followUp' as const, clientName: 'Anna K.', job, profile, language: 'en', userTemplates: [] }
    expect(renderReplyTemplate(translator('en'), input)).toBe(
      'Hi Anna,\n\nI wanted to follow up on my last message about “Landing page”. If you have any questions, I am happy to answer them. Shall we move forward?\n\nBest regards,\nDana Kowalski'
    )
    expect(renderReplyTemplate(translator('uk'), { ...input, kind: 'followUpProposal', clientName: null, job: EMPTY_SNAPSHOT, profile: { ...profile, name: '' } })).toBe(
      'Вітаю!\n\nКілька днів тому ви отримали мою пропозицію щодо вашого проєкту. Чи була нагода її переглянути? Охоче відповім на запитання або підлаштую план під ваші потреби.\n\nЗ повагою'
    )
  })

  it("the user's own template tagged 'reply' (or 'follow-up') comes first, rendered with the variables; an archived one never", () => {
    const t = translator('en')
    const mine = own(['reply'], 'Hello {{clientName|there}}, thanks! — {{myName}}')
    expect(renderReplyTemplate(t, { kind: 'question', clientName: 'Anna K.', job, profile, language: 'en', userTemplates: [mine] })).toBe('Hello Anna, thanks! — Dana Kowalski')
    expect(renderReplyTemplate(t, { kind: 'followUp', clientName: 'Anna', job, profile, language: 'en', userTemplates: [mine] })).toContain('I wanted to follow up')
    expect(renderReplyTemplate(t, { kind: 'followUp', clientName: 'Anna', job, profile, language: 'en', userTemplates: [own(['Follow-up'], 'Just checking in, {{clientName}}.')] })).toBe('Just checking in, Anna.')
    expect(renderReplyTemplate(t, { kind: 'reply', clientName: 'Anna', job, profile, language: 'en', userTemplates: [own(['reply'], 'Old', true)] })).toContain('Thank you for your message.')
  })
})
