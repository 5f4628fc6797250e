import { text as userText } from '@shared/i18n'
import { z } from 'zod'
import { UpworkError } from '../errors'
import { cleanShortText } from '../sanitize'
import type { Category, OntologySkill } from '../types'
import { defineOperation, nullableString, parseEach, parseOrThrow, rootField, run, text, type OperationContext } from './common'

/** Categories (`ontologyCategories`, the whole tree in one call) and skills (`ontologySkills`, paged by offset). */

export const LIST_CATEGORIES = defineOperation(
  'query',
  'ListCategories',
  `query ListCategories {
  ontologyCategories {
    id
    preferredLabel
    slug
    subcategories { id preferredLabel slug }
  }
}`
)

export const LIST_SKILLS = defineOperation(
  'query',
  'ListSkills',
  `query ListSkills($limit: Int!, $offset: Int) {
  ontologySkills(limit: $limit, offset: $offset) { id ontologyId preferredLabel prettyName }
}`
)

const itemSchema = z.object({ id: z.string().min(1), preferredLabel: nullableString, slug: nullableString })
const categorySchema = itemSchema.extend({ subcategories: z.array(z.unknown()).nullish() })
const skillSchema = z.object({
  id: z.string().min(1),
  ontologyId: z.string(),
  preferredLabel: z.string(),
  prettyName: nullableString
})

export async function listCategories(ctx: OperationContext): Promise<{ categories: Category[]; skipped: number }> {
  const res = await run(ctx, LIST_CATEGORIES)
  const list = parseOrThrow(z.array(z.unknown()), rootField(res, 'ontologyCategories'), 'the category list')
  let skipped = 0
  const { items, skipped: top } = parseEach(
    list,
    categorySchema,
    (c) => {
      const subs = parseEach(c.subcategories ?? [], itemSchema, (s) => s, { logger: ctx.logger, operation: LIST_CATEGORIES.name })
      skipped += subs.skipped
      return {
        id: c.id,
        label: cleanShortText(c.preferredLabel ?? c.slug ?? c.id, 200),
        slug: text(c.slug, 200),
        subcategories: subs.items.map((s) => ({
          id: s.id,
          label: cleanShortText(s.preferredLabel ?? s.slug ?? s.id, 200),
          slug: text(s.slug, 200)
        }))
      }
    },
    { logger: ctx.logger, operation: LIST_CATEGORIES.name }
  )
  return { categories: items, skipped: skipped + top }
}

export const MAX_SKILLS_PAGE = 500

export async function listSkills(
  ctx: OperationContext,
  limit: number,
  offset = 0
): Promise<{ skills: OntologySkill[]; skipped: number }> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SKILLS_PAGE || !Number.isInteger(offset) || offset < 0) {
    throw new UpworkError('invalid_input', userText('upwork.err.skillsPage', { max: MAX_SKILLS_PAGE }))
  }
  const res = await run(ctx, LIST_SKILLS, { limit, offset })
  const list = parseOrThrow(z.array(z.unknown()), rootField(res, 'ontologySkills'), 'the skill list')
  const { items, skipped } = parseEach(
    list,
    skillSchema,
    (s) => ({
      id: s.id,
      ontologyId: cleanShortText(s.ontologyId, 300),
      label: cleanShortText(s.preferredLabel, 200),
      prettyName: text(s.prettyName, 200)
    }),
    { logger: ctx.logger, operation: LIST_SKILLS.name }
  )
  return { skills: items, skipped }
}
