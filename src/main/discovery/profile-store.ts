import { profilePatchSchema, profileSchema, type ProfileDto } from '@shared/discovery'
import type { z } from 'zod'
import type { Database } from '../db/open-database'
import { fromSqlDateTime, toSqlDateTime } from '../db/sql-values'
import type { Clock } from '../ports/clock'
import type { TalentProfileSummary } from '../upwork/types'
import type { FreelancerProfile } from './scoring'

type Row = Record<string, unknown>
const json = (text: unknown, fallback: unknown): unknown => {
  try {
    return typeof text === 'string' ? JSON.parse(text) : fallback
  } catch {
    return fallback
  }
}

/** The freelancer profile: one row (id 1) in FreelancerProfile. `overview` is the bio. */
export class ProfileStore {
  constructor(
    private readonly db: Pick<Database, 'client'>,
    private readonly clock: Clock
  ) {}

  async get(): Promise<ProfileDto> {
    const r = (await this.db.client.execute(`SELECT * FROM "FreelancerProfile" WHERE "id" = 1`)).rows[0] as unknown as Row | undefined
    if (!r) return { ...profileSchema.parse({}), source: 'manual', importedAt: null, updatedAt: null }
    const parsed = profileSchema.safeParse({
      name: r.name,
      title: r.title,
      bio: r.overview,
      skills: json(r.skills, []),
      hourlyRate: r.hourlyRate ?? null,
      minFixedBudget: r.minFixedBudget ?? null,
      yearsExperience: r.yearsExperience ?? null,
      portfolio: json(r.portfolio, []),
      avoidCountries: json(r.avoidCountries, []),
      negativeKeywords: json(r.negativeKeywords, []),
      scoreWeights: json(r.scoreWeights, {})
    })
    const data = parsed.success ? parsed.data : profileSchema.parse({})
    return {
      ...data,
      source: r.source === 'upwork' ? 'upwork' : 'manual',
      importedAt: r.importedAt ? fromSqlDateTime(r.importedAt) : null,
      updatedAt: r.updatedAt ? fromSqlDateTime(r.updatedAt) : null
    }
  }

  async update(patch: z.input<typeof profilePatchSchema>, extra: { source?: 'upwork' | 'manual'; importedAt?: number; upworkProfileKey?: string } = {}): Promise<ProfileDto> {
    const next = profileSchema.parse({ ...(await this.get()), ...profilePatchSchema.parse(patch) })
    const now = toSqlDateTime(this.clock.now())
    const current = await this.get()
    await this.db.client.execute({
      sql:
        `INSERT INTO "FreelancerProfile" ("id", "name", "title", "overview", "skills", "hourlyRate", "minFixedBudget", "yearsExperience", ` +
        `"portfolio", "avoidCountries", "negativeKeywords", "scoreWeights", "source", "upworkProfileKey", "importedAt", "updatedAt") ` +
        `VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("id") DO UPDATE SET ` +
        `"name" = excluded."name", "title" = excluded."title", "overview" = excluded."overview", "skills" = excluded."skills", ` +
        `"hourlyRate" = excluded."hourlyRate", "minFixedBudget" = excluded."minFixedBudget", "yearsExperience" = excluded."yearsExperience", ` +
        `"portfolio" = excluded."portfolio", "avoidCountries" = excluded."avoidCountries", "negativeKeywords" = excluded."negativeKeywords", ` +
        `"scoreWeights" = excluded."scoreWeights", "source" = excluded."source", ` +
        `"upworkProfileKey" = coalesce(excluded."upworkProfileKey", "upworkProfileKey"), "importedAt" = coalesce(excluded."importedAt", "importedAt"), ` +
        `"updatedAt" = excluded."updatedAt"`,
      args: [
        next.name, next.title, next.bio, JSON.stringify(next.skills), next.hourlyRate, next.minFixedBudget, next.yearsExperience,
        JSON.stringify(next.portfolio), JSON.stringify(next.avoidCountries), JSON.stringify(next.negativeKeywords), JSON.stringify(next.scoreWeights),
        extra.source ?? current.source, extra.upworkProfileKey ?? null, extra.importedAt === undefined ? null : toSqlDateTime(extra.importedAt), now
      ]
    })
    return this.get()
  }

  /** Fills the profile from the Upwork talent profile; what Upwork does not have (budget floor, avoid lists, weights) stays as the user set it. */
  async importFrom(talent: TalentProfileSummary): Promise<ProfileDto> {
    const rate = talent.hourlyRate?.amount
    return this.update(
      {
        name: `${talent.firstName} ${talent.lastName}`.trim().slice(0, 200),
        title: (talent.title ?? '').slice(0, 300),
        bio: (talent.description ?? '').slice(0, 10_000),
        skills: [...new Set(talent.skills.map((s) => s.trim()).filter((s) => s.length > 0 && s.length <= 100))].slice(0, 200),
        ...(typeof rate === 'number' && Number.isFinite(rate) && rate >= 0 ? { hourlyRate: rate } : {})
      },
      { source: 'upwork', importedAt: this.clock.now(), upworkProfileKey: talent.personId }
    )
  }
}

/** The scorer's view of the profile. */
export function scoringProfile(p: ProfileDto): FreelancerProfile {
  return {
    skills: p.skills,
    hourlyRate: p.hourlyRate,
    minFixedBudget: p.minFixedBudget,
    yearsExperience: p.yearsExperience,
    avoidCountries: p.avoidCountries,
    negativeKeywords: p.negativeKeywords
  }
}
