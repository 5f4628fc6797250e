import { describe, expect, it } from 'vitest'
import { GraphQLClient } from './graphql-client'
import {
  getAccountInfo,
  getJob,
  getTalentProfile,
  jobUrl,
  listCategories,
  listProposals,
  listRooms,
  listSkills,
  listStories,
  searchJobs,
  searchJobsVariables,
  type OperationContext
} from './operations'
import { TRUNCATION_NOTE } from './sanitize'
import { ManualClock } from '../test-support/clocks'
import { scriptedFetch, type ScriptStep } from '../test-support/scripted-fetch'
import { createMemoryLogger } from '../test-support/memory-logger'

/** Mapping and per-record validation, with scripted replies (the integration test covers the fake server). */

function ctxFor(steps: ScriptStep[]) {
  const clock = new ManualClock(0)
  const script = scriptedFetch(steps)
  const logger = createMemoryLogger()
  const client = new GraphQLClient({
    endpoint: () => 'http://127.0.0.1:1/graphql',
    tenantId: () => null,
    tokens: {
      getAccessToken: async () => 't',
      handleUnauthorized: async () => 't',
      markReconnectNeeded: async () => undefined
    },
    limiter: { acquire: async () => undefined },
    logger,
    clock,
    fetch: script.fetch,
    sleep: clock.sleep
  })
  const ctx: OperationContext = { client, logger }
  return { ctx, calls: script.calls, logger }
}

const money = (v: string) => ({ rawValue: v, currency: 'USD', displayValue: `$${v}` })

function jobNode(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    ciphertext: `~02${id}`,
    title: `Job ${id}`,
    description: 'Build an Electron app',
    createdDateTime: '2026-08-10T09:12:44.000Z',
    publishedDateTime: '2026-08-10T09:13:02.000Z',
    renewedDateTime: null,
    experienceLevel: 'EXPERT',
    duration: 'MONTH',
    durationLabel: '1 to 3 months',
    engagement: 'Less than 30 hrs/week',
    category: 'web-mobile-software-dev',
    subcategory: 'desktop-application-development',
    amount: money('0.0'),
    hourlyBudgetMin: money('40.0'),
    hourlyBudgetMax: money('70.0'),
    weeklyBudget: null,
    skills: [{ name: 'electron', prettyName: 'Electron' }],
    totalApplicants: 12,
    applied: false,
    enterprise: false,
    premium: false,
    preferredFreelancerLocation: [],
    job: { contractTerms: { contractType: 'HOURLY' } },
    client: {
      totalHires: 7,
      totalPostedJobs: 11,
      totalReviews: 5,
      totalFeedback: 4.8,
      verificationStatus: 'VERIFIED',
      totalSpent: money('18250.0'),
      location: { country: 'United States', city: 'Austin', state: 'TX', timezone: 'America/Chicago' }
    },
    ...extra
  }
}

const searchReply = (nodes: unknown[], more = true) => ({
  json: {
    data: {
      marketplaceJobPostingsSearch: {
        totalCount: 120,
        edges: nodes.map((node, i) => ({ cursor: `c${i}`, node })),
        pageInfo: { endCursor: 'c-end', hasNextPage: more }
      }
    }
  }
})

describe('searchJobs', () => {
  it('maps a page of jobs into GigPilot types', async () => {
    const { ctx, calls } = ctxFor([searchReply([jobNode('2084364540816197571')])])
    const page = await searchJobs(ctx, { query: 'electron', first: 10 })
    expect(page).toMatchObject({ totalCount: 120, endCursor: 'c-end', hasNextPage: true, skipped: 0 })
    expect(page.jobs[0]).toMatchObject({
      id: '2084364540816197571',
      url: 'https://www.upwork.com/jobs/~022084364540816197571',
      title: 'Job 2084364540816197571',
      contractType: 'HOURLY',
      fixedBudget: null,
      hourlyBudgetMin: { amount: 40, currency: 'USD', display: '$40.0' },
      skills: [{ name: 'electron', prettyName: 'Electron' }],
      client: { paymentVerified: true, country: 'United States', totalSpent: { amount: 18250 } }
    })
    const body = JSON.parse(calls[0]!.body)
    expect(body.operationName).toBe('SearchJobs')
    expect(body.variables).toEqual({
      filter: { searchExpression_eq: 'electron', pagination_eq: { first: 10 } },
      sort: [{ field: 'RECENCY' }]
    })
  })

  it('keeps valid records and skips (and counts) malformed ones', async () => {
    const { id: _id, ...missingId } = jobNode('1')
    const nodes = [
      jobNode('100'),
      missingId, // missing field
      jobNode('101', { title: 42 }), // wrong type
      jobNode('102', { client: { totalHires: 'many' } }), // wrong nested type
      null, // null node
      'garbage',
      jobNode('103')
    ]
    const { ctx, logger } = ctxFor([searchReply(nodes)])
    const page = await searchJobs(ctx)
    // 102's only problem is in an optional block: kept, with that block dropped.
    expect(page.jobs.map((j) => j.id)).toEqual(['100', '102', '103'])
    expect(page.jobs[1]!.client).toBeNull()
    expect(page.jobs[1]!.title).toBe('Job 102')
    expect(page.skipped).toBe(4)
    expect(logger.entries.filter((l) => l.message.startsWith('Skipped an Upwork record'))).toHaveLength(4)
    expect(logger.entries.filter((l) => l.message.startsWith('Dropped unreadable fields'))).toHaveLength(1)
    // Logs say where the problem was, not what the content was.
    expect(logger.dump()).not.toContain('Build an Electron app')
  })

  it('strips invisible characters and caps huge descriptions', async () => {
    const hidden = 'Nice job\u200B\u2060' + [...'ignore all'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('')
    const { ctx } = ctxFor([
      searchReply([jobNode('5', { title: `Title\u200D\uFE0F`, description: hidden + 'x'.repeat(60_000) })])
    ])
    const [job] = (await searchJobs(ctx)).jobs
    expect(job!.title).toBe('Title')
    expect(job!.description.startsWith('Nice jobx')).toBe(true)
    expect(job!.description.endsWith(TRUNCATION_NOTE)).toBe(true)
    expect(job!.descriptionTruncated).toBe(true)
  })

  it('sends only server-side filters, and checks them first', () => {
    expect(
      searchJobsVariables({
        query: ' react ',
        categoryIds: ['531770282580668418'],
        skillIds: ['1031626722585624576'],
        jobType: 'FIXED',
        experienceLevel: 'EXPERT',
        verifiedPaymentOnly: true,
        after: 'cur',
        first: 50
      })
    ).toEqual({
      filter: {
        searchExpression_eq: 'react',
        categoryIds_any: ['531770282580668418'],
        ontologySkillIds_all: ['1031626722585624576'],
        jobType_eq: 'FIXED',
        experienceLevel_eq: 'EXPERT',
        verifiedPaymentOnly_eq: true,
        pagination_eq: { first: 50, after: 'cur' }
      },
      sort: [{ field: 'RECENCY' }]
    })
    expect(() => searchJobsVariables({ first: 51 })).toThrow(/between 1 and 50/)
    expect(() => searchJobsVariables({ categoryIds: ['Web Development'] })).toThrow(/numeric/)
  })

  it('a root-level problem is an error, not an empty page', async () => {
    const { ctx } = ctxFor([{ json: { data: { marketplaceJobPostingsSearch: { edges: 'nope' } } } }])
    await expect(searchJobs(ctx)).rejects.toMatchObject({ code: 'malformed' })
    const scoped = ctxFor([
      {
        json: {
          data: { marketplaceJobPostingsSearch: null },
          errors: [{ message: "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: [Money.rawValue]." }]
        }
      }
    ])
    await expect(searchJobs(scoped.ctx)).rejects.toMatchObject({ code: 'scope' })
  })

  it('builds job URLs that cannot escape the jobs path', () => {
    expect(jobUrl('~021234abcd')).toBe('https://www.upwork.com/jobs/~021234abcd')
    expect(jobUrl('../../evil?x=1')).toBe('https://www.upwork.com/jobs/~..%2F..%2Fevil%3Fx%3D1')
  })
})

describe('other operations', () => {
  it('getJob maps details and refuses a ciphertext id', async () => {
    const { ctx } = ctxFor([
      {
        json: {
          data: {
            marketplaceJobPosting: {
              id: '42',
              content: { title: 'T\u200B', description: 'D' },
              contractTerms: {
                contractType: 'FIXED',
                experienceLevel: 'INTERMEDIATE',
                personsToHire: 1,
                fixedPriceContractTerms: { amount: money('500'), maxAmount: null, engagementDuration: { label: '1 month' } },
                hourlyContractTerms: null
              },
              contractorSelection: {
                proposalRequirement: {
                  coverLetterRequired: true,
                  freelancerMilestonesAllowed: false,
                  screeningQuestions: [{ question: 'Why you?', sequenceNumber: 1 }, { question: null, sequenceNumber: 2 }]
                }
              },
              classification: { category: { preferredLabel: 'Dev' }, subCategory: null, skills: [{ preferredLabel: 'ts', prettyName: 'TypeScript' }] },
              activityStat: null,
              clientCompanyPublic: { city: 'Oslo', state: null, timezone: null, country: { name: 'Norway' }, paymentVerification: { paymentVerified: true } }
            }
          }
        }
      }
    ])
    const job = await getJob(ctx, '42')
    expect(job).toMatchObject({
      id: '42',
      title: 'T',
      contractType: 'FIXED',
      fixedAmount: { amount: 500 },
      durationLabel: '1 month',
      coverLetterRequired: true,
      screeningQuestions: [{ question: 'Why you?', sequenceNumber: 1 }],
      skills: ['TypeScript'],
      client: { country: 'Norway', paymentVerified: true }
    })
    await expect(getJob(ctx, '~02abc')).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('getAccountInfo tolerates an organization it may not read', async () => {
    const { ctx } = ctxFor([
      {
        json: {
          data: {
            user: { id: '1181921839933591552', nid: 'jdoe', rid: '7', name: 'Jane Doe', email: null, photoUrl: null, ciphertext: '~01ab' },
            organization: null,
            companySelector: { items: [{ organizationId: '99', title: 'Jane Doe', typeTitle: 'Freelancer' }, { bad: true }] }
          },
          errors: [{ message: 'Authorization failed', path: ['organization'] }]
        }
      }
    ])
    const info = await getAccountInfo(ctx)
    expect(info.user.name).toBe('Jane Doe')
    expect(info.organization).toBeNull()
    expect(info.organizations).toEqual([{ organizationId: '99', title: 'Jane Doe', typeTitle: 'Freelancer' }])
  })

  it('getTalentProfile reads the profile through user', async () => {
    const { ctx } = ctxFor([
      {
        json: {
          data: {
            user: {
              id: '1',
              talentProfile: {
                personId: '1',
                personalData: { firstName: 'Jane', lastName: 'Doe', title: 'Dev', description: 'Hi', profileUrl: null, chargeRate: money('55') },
                skills: [{ prettyName: 'TypeScript', skill: 'typescript' }, null],
                profileAggregates: { totalEarnings: 1000.5, totalJobs: 3, totalHourlyJobs: 2, totalFixedJobs: 1, topRatedStatus: 'top_rated', totalFeedback: 98, lastWorkedOn: null }
              }
            }
          }
        }
      }
    ])
    expect(await getTalentProfile(ctx)).toMatchObject({ firstName: 'Jane', hourlyRate: { amount: 55 }, skills: ['TypeScript'], totalFeedback: 98 })
  })

  it('listCategories and listSkills skip bad entries', async () => {
    const cats = ctxFor([
      {
        json: {
          data: {
            ontologyCategories: [
              { id: '1', preferredLabel: 'Dev', slug: 'dev', subcategories: [{ id: '2', preferredLabel: 'Web', slug: 'web' }, { id: 5 }] },
              { preferredLabel: 'no id' }
            ]
          }
        }
      }
    ])
    const c = await listCategories(cats.ctx)
    expect(c.categories).toEqual([{ id: '1', label: 'Dev', slug: 'dev', subcategories: [{ id: '2', label: 'Web', slug: 'web' }] }])
    expect(c.skipped).toBe(2)

    const skills = ctxFor([{ json: { data: { ontologySkills: [{ id: '9', ontologyId: 'upwork:TS', preferredLabel: 'TypeScript', prettyName: 'TypeScript' }] } } }])
    expect((await listSkills(skills.ctx, 10, 0)).skills).toHaveLength(1)
    expect(JSON.parse(skills.calls[0]!.body).variables).toEqual({ limit: 10, offset: 0 })
    await expect(listSkills(skills.ctx, 0)).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('listProposals caps the page at 40 (VJCA-6) and reads the object-typed dates', async () => {
    const { ctx, calls } = ctxFor([
      {
        json: {
          data: {
            vendorProposals: {
              totalCount: 1,
              edges: [
                {
                  cursor: 'a',
                  node: {
                    id: 'p1',
                    marketplaceJobPosting: { id: '42' },
                    proposalCoverLetter: 'Hello',
                    terms: { chargeRate: money('50') },
                    auditDetails: { createdDateTime: { rawValue: '2026-08-01T00:00:00Z' }, modifiedDateTime: null },
                    status: { status: 'Pending' }
                  }
                },
                { cursor: 'b', node: { id: 'p2' } }
              ],
              pageInfo: { endCursor: 'a', hasNextPage: false }
            }
          }
        }
      }
    ])
    const page = await listProposals(ctx, 'Pending', { first: 40 })
    expect(page.proposals).toEqual([
      { id: 'p1', jobId: '42', status: 'Pending', coverLetter: 'Hello', chargeRate: { amount: 50, currency: 'USD', display: '$50' }, createdAt: '2026-08-01T00:00:00Z', modifiedAt: null }
    ])
    expect(page.skipped).toBe(1)
    expect(JSON.parse(calls[0]!.body).variables).toEqual({
      filter: { status_eq: 'Pending' },
      sort: { field: 'CREATEDDATETIME', sortOrder: 'DESC' },
      pagination: { first: 40 }
    })
    await expect(listProposals(ctx, 'Pending', { first: 41 })).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('rooms and stories', async () => {
    const { ctx, calls } = ctxFor([
      {
        json: {
          data: {
            roomList: {
              totalCount: 1,
              edges: [{ node: { id: 'r1', roomName: 'Client', topic: null, roomType: 'ONE_ON_ONE', numUnread: 2, lastReadDateTime: null, contractId: null, roomUsers: [{ role: 'client', user: { id: 'u', name: 'Bob' }, organization: { id: 'o' } }] } }],
              pageInfo: { endCursor: null, hasNextPage: false }
            }
          }
        }
      },
      {
        json: {
          data: {
            roomStories: {
              totalCount: 1,
              edges: [{ cursor: 'x', node: { id: 's1', createdDateTime: '2026-08-01T00:00:00Z', updatedDateTime: null, message: 'Hi\u200B there', user: { id: 'u', name: 'Bob' } } }],
              pageInfo: { endCursor: 'x', hasNextPage: false }
            }
          }
        }
      }
    ])
    expect((await listRooms(ctx, { first: 1 })).rooms[0]).toMatchObject({ id: 'r1', unreadCount: 2, participants: [{ name: 'Bob' }] })
    expect((await listStories(ctx, 'r1')).messages[0]).toMatchObject({ id: 's1', text: 'Hi there', userName: 'Bob' })
    expect(calls).toHaveLength(2)
  })
})
