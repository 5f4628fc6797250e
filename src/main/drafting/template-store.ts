/** Templates (issue 8 item 3): the user's reusable texts with a category, tags and a usage count. */
import type { TemplateDto, TemplateInput } from '@shared/drafting'
import type { Database } from '../db/open-database'
import type { Template as TemplateRow } from '../db/generated/client'
import type { Clock } from '../ports/clock'

function tagsOf(raw: string): string[] {
  try {
    const v = JSON.parse(raw) as unknown
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

const uniqueTags = (tags: readonly string[]): string[] => [...new Map(tags.map((t) => [t.toLowerCase(), t])).values()]

export function toTemplateDto(t: TemplateRow): TemplateDto {
  return {
    id: t.id,
    name: t.name,
    body: t.body,
    category: t.category,
    tags: tagsOf(t.tags),
    usageCount: t.usageCount,
    archived: t.archivedAt !== null,
    createdAt: t.createdAt.getTime(),
    updatedAt: t.updatedAt.getTime()
  }
}

export class TemplateStore {
  constructor(
    private readonly db: Pick<Database, 'prisma'>,
    private readonly clock: Clock
  ) {}

  async list(includeArchived: boolean): Promise<TemplateDto[]> {
    const rows = await this.db.prisma.template.findMany({
      where: includeArchived ? {} : { archivedAt: null },
      orderBy: [{ usageCount: 'desc' }, { name: 'asc' }, { id: 'asc' }]
    })
    return rows.map(toTemplateDto)
  }

  async get(id: number): Promise<TemplateDto | null> {
    const row = await this.db.prisma.template.findUnique({ where: { id } })
    return row ? toTemplateDto(row) : null
  }

  async create(input: Required<TemplateInput>): Promise<TemplateDto> {
    const now = new Date(this.clock.now())
    const row = await this.db.prisma.template.create({
      data: { name: input.name, body: input.body, category: input.category, tags: JSON.stringify(uniqueTags(input.tags)), createdAt: now, updatedAt: now }
    })
    return toTemplateDto(row)
  }

  async update(id: number, patch: Partial<TemplateInput>): Promise<TemplateDto | null> {
    if (!(await this.get(id))) return null
    const row = await this.db.prisma.template.update({
      where: { id },
      data: {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        ...(patch.category !== undefined ? { category: patch.category } : {}),
        ...(patch.tags !== undefined ? { tags: JSON.stringify(uniqueTags(patch.tags)) } : {}),
        updatedAt: new Date(this.clock.now())
      }
    })
    return toTemplateDto(row)
  }

  async archive(id: number, archived: boolean): Promise<TemplateDto | null> {
    if (!(await this.get(id))) return null
    const row = await this.db.prisma.template.update({ where: { id }, data: { archivedAt: archived ? new Date(this.clock.now()) : null, updatedAt: new Date(this.clock.now()) } })
    return toTemplateDto(row)
  }

  /** A draft started from (or was written with) this template. */
  async countUse(id: number): Promise<void> {
    await this.db.prisma.template.update({ where: { id }, data: { usageCount: { increment: 1 } } })
  }
}
