/**
 * Reply templates (issue 9 item 3): what writes a reply draft when the AI cannot (no key, over the
 * budget or the hourly limit, or a generation that produced nothing).
 * - The user's own templates come first: a template tagged `reply` (or `follow-up` for
 *   follow-ups), rendered for the job with drafting's `{{variables}}`.
 * - Otherwise one of the built-in ones, worded in the language in force (the catalogs: en + uk):
 *   `call` when the client asks to talk, `question` when they ask something, `reply` otherwise;
 *   `followUp` / `followUpProposal` after a silence. Greeting and sign-off use the client's first
 *   name and the freelancer's name when known.
 * Pure: no network, no AI.
 */
import type { ProfileDto } from '@shared/discovery'
import type { JobSnapshot, TemplateDto } from '@shared/drafting'
import type { Translate } from '@shared/i18n'
import { renderTemplate, templateValues } from '../drafting/template-render'

export const REPLY_TEMPLATE_TAG = 'reply'
export const FOLLOW_UP_TEMPLATE_TAG = 'follow-up'

export type BuiltInReply = 'reply' | 'question' | 'call' | 'followUp' | 'followUpProposal'

const CALL = /\b(?:call|calls|meet|meeting|interview|zoom|skype|google meet)\b|дзвін|дзвон|зустр|співбесід|поговор/iu

/** Which built-in reply fits the client's latest message. */
export function builtInFor(latestClientText: string | null): Exclude<BuiltInReply, 'followUp' | 'followUpProposal'> {
  const text = latestClientText ?? ''
  if (CALL.test(text)) return 'call'
  if (text.includes('?')) return 'question'
  return 'reply'
}

/** "Anna K." → "Anna"; nothing usable → null. */
export function firstName(name: string | null | undefined): string | null {
  const first = (name ?? '').trim().split(/\s+/)[0] ?? ''
  return /\p{L}/u.test(first) ? first : null
}

export interface ReplyTemplateInput {
  kind: BuiltInReply
  clientName: string | null
  job: JobSnapshot
  profile: ProfileDto
  language: string
  /** The user's templates (not archived); the first tagged for this purpose wins. */
  userTemplates: readonly TemplateDto[]
}

export function renderReplyTemplate(t: Translate, input: ReplyTemplateInput): string {
  const tag = input.kind === 'followUp' || input.kind === 'followUpProposal' ? FOLLOW_UP_TEMPLATE_TAG : REPLY_TEMPLATE_TAG
  const own = input.userTemplates.find((tpl) => !tpl.archived && tpl.tags.some((x) => x.toLowerCase() === tag))
  if (own) {
    const values = templateValues(input.job, input.profile, input.language)
    const client = firstName(input.clientName)
    return renderTemplate(own.body, client ? { ...values, clientName: client } : values).text.trim()
  }
  const client = firstName(input.clientName)
  const name = input.profile.name?.trim() || null
  const job = input.job.title ? t('replies.template.aboutJob', { title: input.job.title }) : t('replies.template.aboutJobNone')
  const greeting = client ? t('replies.template.greeting', { client }) : t('replies.template.greetingNoName')
  const body =
    input.kind === 'followUp'
      ? t('replies.template.followUp', { job })
      : input.kind === 'followUpProposal'
        ? t('replies.template.followUpProposal', { job })
        : t(`replies.template.${input.kind}`)
  const signoff = name ? t('replies.template.signoff', { name }) : t('replies.template.signoffNoName')
  return `${greeting}\n\n${body}\n\n${signoff}`
}
