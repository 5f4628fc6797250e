import { z } from 'zod'
import { UpworkError } from '../errors'
import { graphQLErrorsToUpworkError } from '../graphql-client'
import { cleanLongText, cleanShortText } from '../sanitize'
import type { TalentProfileSummary } from '../types'
import {
  defineOperation,
  MONEY_FIELDS,
  moneySchema,
  nullableInt,
  nullableNumber,
  nullableString,
  parseOrThrow,
  rootField,
  run,
  text,
  toMoney,
  type OperationContext
} from './common'

/**
 * The freelancer's own talent profile through `user { talentProfile }`: it needs no id (the
 * `talentProfile(personId)` and `talentProfileByProfileKey` queries need one we would have to
 * fetch first) and returns the general profile with its aggregates (upwork-api.md §2.3).
 */
export const GET_TALENT_PROFILE = defineOperation(
  'query',
  'GetTalentProfile',
  `query GetTalentProfile {
  user {
    id
    talentProfile {
      personId
      personalData {
        firstName
        lastName
        title
        description
        profileUrl
        chargeRate { ${MONEY_FIELDS} }
      }
      skills { prettyName skill }
      profileAggregates {
        totalEarnings
        totalJobs
        totalHourlyJobs
        totalFixedJobs
        topRatedStatus
        totalFeedback
        lastWorkedOn
      }
    }
  }
}`
)

const profileSchema = z.object({
  personId: z.string().min(1),
  personalData: z
    .object({
      firstName: z.string(),
      lastName: z.string(),
      title: nullableString,
      description: nullableString,
      profileUrl: nullableString,
      chargeRate: moneySchema.nullish()
    })
    .nullish(),
  skills: z.array(z.object({ prettyName: nullableString, skill: nullableString }).nullable()).nullish(),
  profileAggregates: z
    .object({
      totalEarnings: nullableNumber,
      totalJobs: nullableInt,
      totalHourlyJobs: nullableInt,
      totalFixedJobs: nullableInt,
      topRatedStatus: nullableString,
      totalFeedback: nullableNumber,
      lastWorkedOn: nullableString
    })
    .nullish()
})

const userWithProfileSchema = z.object({ id: z.string(), talentProfile: z.unknown().nullish() })

export async function getTalentProfile(ctx: OperationContext): Promise<TalentProfileSummary> {
  const res = await run(ctx, GET_TALENT_PROFILE)
  const user = parseOrThrow(userWithProfileSchema, rootField(res, 'user'), 'your talent profile')
  if (user.talentProfile == null) {
    if (res.errors.length > 0) throw graphQLErrorsToUpworkError(res.errors, res.data)
    throw new UpworkError('not_found', 'upwork.err.noTalentProfile')
  }
  const p = parseOrThrow(profileSchema, user.talentProfile, 'your talent profile')
  const agg = p.profileAggregates
  return {
    personId: p.personId,
    firstName: cleanShortText(p.personalData?.firstName ?? '', 200),
    lastName: cleanShortText(p.personalData?.lastName ?? '', 200),
    title: text(p.personalData?.title, 500),
    description: p.personalData?.description == null ? null : cleanLongText(p.personalData.description).text,
    hourlyRate: toMoney(p.personalData?.chargeRate),
    profileUrl: p.personalData?.profileUrl ?? null,
    skills: (p.skills ?? [])
      .map((s) => s?.prettyName ?? s?.skill ?? null)
      .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
      .map((s) => cleanShortText(s, 200)),
    totalEarnings: agg?.totalEarnings ?? null,
    totalJobs: agg?.totalJobs ?? null,
    totalHourlyJobs: agg?.totalHourlyJobs ?? null,
    totalFixedJobs: agg?.totalFixedJobs ?? null,
    topRatedStatus: text(agg?.topRatedStatus, 50),
    totalFeedback: agg?.totalFeedback ?? null,
    lastWorkedOn: agg?.lastWorkedOn ?? null
  }
}
