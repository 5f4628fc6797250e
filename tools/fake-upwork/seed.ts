/**
 * The seeded in-memory dataset. Everything except wall-clock times is a pure function of `seed`:
 * times are "N seconds before the server started", so relative order, ids and text are stable
 * across runs while the data still looks fresh. A handful of records (the known job, the hostile
 * jobs, user, orgs, rooms, proposals' ids) are the same for every seed so tests can name them.
 */
import {
  CATEGORIES,
  CLIENT_LOCATIONS,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  DESCRIPTION_CLOSERS,
  DESCRIPTION_OPENERS,
  DESCRIPTION_REQUIREMENTS,
  DURATIONS,
  ENGAGEMENTS,
  JOB_TEMPLATES,
  type JobTemplate,
  SCREENING_QUESTIONS,
  SKILLS,
  skill
} from './catalog'
import {
  HOSTILE_MESSAGE,
  HTML_DESCRIPTION,
  HTML_TITLE,
  HUGE_TITLE,
  INVISIBLE_DESCRIPTION,
  INVISIBLE_TITLE,
  PROMPT_INJECTION_DESCRIPTION,
  PROMPT_INJECTION_QUESTION,
  PROMPT_INJECTION_TITLE,
  hugeDescription
} from './hostile-content'
import { type Rng, createRng } from './rng'
import type {
  ExperienceLevel,
  FakeCategory,
  FakeClient,
  FakeData,
  FakeJob,
  FakeOrganization,
  FakePerson,
  FakeProposal,
  FakeRoom,
  FakeStory,
  FakeSubcategory,
  FakeUser,
  JobDuration
} from './types'

/** Ids and names that do not depend on the seed. */
export const KNOWN = {
  /** The job of upwork-api.md §6 ("Electron app: add offline sync"), published 2 h before start. */
  jobId: '2084364540816197571',
  jobCiphertext: '~021234567890abcdef01',
  hostileJobIds: {
    promptInjection: '2084364540810797571',
    nullFields: '2084364540805397571',
    html: '2084364540772997571',
    invisibleChars: '2084364540751397571',
    huge: '2084364540715397571'
  },
  userId: '1181921839933591552',
  userName: 'Dana Kowalski',
  /** Profile key for talentProfileByProfileKey / freelancerProfileByProfileKey. */
  profileKey: '~01f3a9c2d4b5e6a7b8',
  personalOrgId: '1181921839945670145',
  agencyOrgId: '1412003390551576577',
  /** One-on-one room with 2 unread client messages. */
  roomWithUnread: 'room_7c1e0a9b3f2d4e5c8a6b1d2e3f4a5b6c',
  /** Interview room (for the Activated proposal) with 1 unread message carrying a prompt injection. */
  interviewRoomWithUnread: 'room_2b8d4f6a1c3e5a7b9d0f2a4c6e8b0d1f',
  roomIds: [
    'room_7c1e0a9b3f2d4e5c8a6b1d2e3f4a5b6c',
    'room_2b8d4f6a1c3e5a7b9d0f2a4c6e8b0d1f',
    'room_4e6a8c0b2d4f6a8c0e2b4d6f8a0c2e4b',
    'room_9a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d',
    'room_0f2e4d6c8b0a2f4e6d8c0b2a4f6e8d0c'
  ],
  pendingProposalIds: ['1790371530286411777', '1790371530286411778']
} as const

const ANCHOR_AGE_SECONDS = 7200
const HOUR = 3600

/** Ids grow with recency like Upwork's (newer postings have larger ids). */
function jobIdForAge(ageSeconds: number, jitter: number): string {
  return String(BigInt(KNOWN.jobId) + BigInt(ANCHOR_AGE_SECONDS - ageSeconds) * 1000n + BigInt(jitter))
}

const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString()

function findSub(slug: string): { category: FakeCategory; sub: FakeSubcategory; occupationId: string } {
  let index = 0
  for (const category of CATEGORIES) {
    for (const sub of category.subcategories) {
      if (sub.slug === slug) return { category, sub, occupationId: String(1110580755107926000n + BigInt(index)) }
      index++
    }
  }
  throw new Error(`unknown subcategory ${slug}`)
}

function roundTo(n: number, step: number): number {
  return Math.max(step, Math.round(n / step) * step)
}

function makeClient(rng: Rng, i: number): FakeClient {
  const newClient = rng.chance(0.2)
  const hires = newClient ? 0 : rng.int(1, 120)
  const posted = hires + rng.int(newClient ? 0 : 1, 40)
  const spent = newClient ? 0 : roundTo(rng.next() ** 2 * 250_000, 25)
  const reviews = newClient ? 0 : rng.int(0, hires)
  const loc = rng.pick(CLIENT_LOCATIONS)
  const verified = newClient ? rng.pick(['NOT_VERIFIED', 'VERIFIED', 'VERIFICATION_IN_PROGRESS'] as const) : rng.chance(0.85) ? 'VERIFIED' : 'NOT_VERIFIED'
  return {
    companyRid: String(900000 + i * 37),
    companyOrgUid: String(1400000000000000000n + BigInt(i) * 7919n),
    edcUserId: String(1500000000000000000n + BigInt(i) * 104729n),
    companyName: `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_SUFFIXES)}`,
    totalHires: hires,
    totalPostedJobs: posted,
    totalSpent: spent,
    verificationStatus: verified,
    location: { ...loc },
    totalReviews: reviews,
    totalFeedback: reviews === 0 ? 0 : Math.round((3.4 + rng.next() * 1.6) * 100) / 100,
    memberSinceDateTime: iso(Date.UTC(2014, 0, 1) + rng.int(0, 11 * 365) * 86_400_000)
  }
}

function pickExperience(rng: Rng): ExperienceLevel {
  const r = rng.next()
  return r < 0.25 ? 'ENTRY_LEVEL' : r < 0.7 ? 'INTERMEDIATE' : 'EXPERT'
}

function describe(rng: Rng, tpl: JobTemplate): string {
  const reqs = rng.sample(DESCRIPTION_REQUIREMENTS, rng.int(2, 4))
  return [rng.pick(DESCRIPTION_OPENERS), '', tpl.need, '', 'What we need from you:', ...reqs.map((r) => `- ${r}`), '', rng.pick(DESCRIPTION_CLOSERS)].join('\n')
}

/** A realistic job from a template; `now` and `ageSeconds` fix its times, `id` its identity. */
export function jobFromTemplate(rng: Rng, tpl: JobTemplate, client: FakeClient, now: number, ageSeconds: number, id: string): FakeJob {
  const { category, sub, occupationId } = findSub(tpl.sub)
  const contractType = tpl.type ?? (rng.chance(0.72) ? 'HOURLY' : 'FIXED')
  const experienceLevel = pickExperience(rng)
  const dur = rng.pick(DURATIONS)
  const eng = rng.pick(ENGAGEMENTS)
  const published = now - ageSeconds * 1000
  const ageHours = ageSeconds / HOUR
  let hourly: Pick<FakeJob, 'hourlyBudgetType' | 'hourlyBudgetMin' | 'hourlyBudgetMax'> = {
    hourlyBudgetType: null,
    hourlyBudgetMin: null,
    hourlyBudgetMax: null
  }
  let amount = 0
  if (contractType === 'HOURLY') {
    const base = experienceLevel === 'ENTRY_LEVEL' ? rng.int(8, 25) : experienceLevel === 'INTERMEDIATE' ? rng.int(20, 50) : rng.int(45, 110)
    hourly = rng.chance(0.15)
      ? { hourlyBudgetType: 'NOT_PROVIDED', hourlyBudgetMin: null, hourlyBudgetMax: null }
      : { hourlyBudgetType: rng.chance(0.85) ? 'DEFAULT' : 'MANUAL', hourlyBudgetMin: base, hourlyBudgetMax: base + roundTo(rng.int(5, 60), 5) }
  } else {
    const raw = experienceLevel === 'ENTRY_LEVEL' ? rng.int(40, 500) : experienceLevel === 'INTERMEDIATE' ? rng.int(300, 3000) : rng.int(1500, 12000)
    amount = roundTo(raw, raw < 500 ? 5 : 50)
  }
  const country = client.location?.country
  return {
    id,
    ciphertext: `~02${rng.hex(18)}`,
    title: tpl.title,
    description: describe(rng, tpl),
    contractType,
    amount,
    ...hourly,
    weeklyBudget: contractType === 'HOURLY' && rng.chance(0.1) ? roundTo(rng.int(200, 2000), 50) : null,
    duration: dur.duration,
    durationLabel: dur.label,
    engagement: contractType === 'HOURLY' ? eng.engagement : null,
    engagementType: contractType === 'HOURLY' ? eng.type : 'NOT_SURE',
    experienceLevel,
    categoryId: category.id,
    subcategoryId: sub.id,
    category: category.slug,
    subcategory: sub.slug,
    occupation: { id: occupationId, prefLabel: sub.preferredLabel },
    skills: tpl.skills.map(skill),
    totalApplicants: rng.int(0, Math.min(60, 2 + Math.floor(ageHours * 1.5))),
    freelancersToHire: rng.chance(0.9) ? 1 : rng.int(2, 4),
    createdDateTime: iso(published - rng.int(60, 90 * 60) * 1000),
    publishedDateTime: iso(published),
    renewedDateTime: rng.chance(0.1) ? iso(published + Math.min(HOUR, ageSeconds / 2) * 1000) : null,
    preferredFreelancerLocation: rng.chance(0.15) && country ? [country] : [],
    enterprise: rng.chance(0.05),
    premium: rng.chance(0.1),
    coverLetterRequired: rng.chance(0.85),
    screeningQuestions: rng.sample(SCREENING_QUESTIONS, rng.pick([0, 0, 1, 2, 3])),
    client
  }
}

/** The jobs whose content and ids never change: the §6 sample and the hostile ones. */
function fixedJobs(rng: Rng, now: number): FakeJob[] {
  const base = (tplSub: string, title: string, ageSeconds: number, ciphertext: string, client: FakeClient): FakeJob => {
    const tpl: JobTemplate = { sub: tplSub, title, need: '', skills: [] }
    return { ...jobFromTemplate(rng, tpl, client, now, ageSeconds, jobIdForAge(ageSeconds, 0)), ciphertext }
  }
  const sampleClient: FakeClient = {
    companyRid: '888001',
    companyOrgUid: '1399999999999990001',
    edcUserId: '1499999999999990001',
    companyName: 'Copperleaf Software',
    totalHires: 7,
    totalPostedJobs: 11,
    totalSpent: 18250,
    verificationStatus: 'VERIFIED',
    location: { country: 'United States', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
    totalReviews: 5,
    totalFeedback: 4.8,
    memberSinceDateTime: '2019-03-14T00:00:00.000Z'
  }
  const newUnverified = (n: number, country: string | null): FakeClient => ({
    companyRid: String(888100 + n),
    companyOrgUid: String(1399999999999990100n + BigInt(n)),
    edcUserId: String(1499999999999990100n + BigInt(n)),
    companyName: null,
    totalHires: 0,
    totalPostedJobs: 1,
    totalSpent: 0,
    verificationStatus: 'NOT_VERIFIED',
    location: country ? { country, city: null, state: null, timezone: null } : null,
    totalReviews: 0,
    totalFeedback: 0,
    memberSinceDateTime: iso(now - 3 * 86_400_000)
  })

  const sample: FakeJob = {
    ...base('desktop-application-development', 'Electron app: add offline sync', ANCHOR_AGE_SECONDS, KNOWN.jobCiphertext, sampleClient),
    description:
      'We need an experienced Electron/TypeScript developer to add offline sync to our desktop app.\n\n' +
      'The app stores notes in SQLite; when the network is back, changes must sync to our GraphQL API with conflict resolution.\n\n' +
      'What we need from you:\n- Experience with Electron and local-first data\n- Clean TypeScript and tests\n- Overlap with US Central time\n\n' +
      'Please describe a similar sync problem you solved.',
    contractType: 'HOURLY',
    amount: 0,
    hourlyBudgetType: 'DEFAULT',
    hourlyBudgetMin: 40,
    hourlyBudgetMax: 70,
    weeklyBudget: null,
    duration: 'MONTH',
    durationLabel: '1 to 3 months',
    engagement: 'Less than 30 hrs/week',
    engagementType: 'PART_TIME',
    experienceLevel: 'EXPERT',
    skills: [skill('Electron'), skill('TypeScript'), skill('SQLite'), skill('GraphQL')],
    totalApplicants: 12,
    freelancersToHire: 1,
    renewedDateTime: null,
    preferredFreelancerLocation: [],
    enterprise: false,
    premium: false,
    coverLetterRequired: true,
    screeningQuestions: ['Describe a sync or conflict-resolution problem you solved.', 'What is your availability over the next month?']
  }

  const injection: FakeJob = {
    ...base('sales-marketing-copywriting', PROMPT_INJECTION_TITLE, 12_600, '~02a11ce0000000000001', newUnverified(1, 'United States')),
    description: PROMPT_INJECTION_DESCRIPTION,
    contractType: 'FIXED',
    amount: 150,
    hourlyBudgetType: null,
    hourlyBudgetMin: null,
    hourlyBudgetMax: null,
    engagement: null,
    skills: [skill('Copywriting')],
    screeningQuestions: [PROMPT_INJECTION_QUESTION]
  }

  const nulls: FakeJob = {
    ...base('virtual-assistance', 'Need help ASAP', 18_000, '~02a11ce0000000000002', newUnverified(2, null)),
    description: 'Details in chat.',
    contractType: 'HOURLY',
    amount: 0,
    hourlyBudgetType: null,
    hourlyBudgetMin: null,
    hourlyBudgetMax: null,
    weeklyBudget: null,
    duration: null,
    durationLabel: null,
    engagement: null,
    engagementType: 'NOT_SURE',
    experienceLevel: 'ENTRY_LEVEL',
    categoryId: null,
    subcategoryId: null,
    category: null,
    subcategory: null,
    occupation: null,
    skills: [],
    totalApplicants: 0,
    renewedDateTime: null,
    preferredFreelancerLocation: null,
    screeningQuestions: [],
    client: { ...newUnverified(2, null), totalSpent: null, verificationStatus: null, location: null, memberSinceDateTime: null }
  }

  const html: FakeJob = {
    ...base('web-development', HTML_TITLE, 50_400, '~02a11ce0000000000003', newUnverified(3, 'Netherlands')),
    description: HTML_DESCRIPTION,
    skills: [skill('React'), skill('JavaScript')]
  }

  const invisible: FakeJob = {
    ...base('data-entry-transcription-services', INVISIBLE_TITLE, 72_000, '~02a11ce0000000000004', newUnverified(4, 'India')),
    description: INVISIBLE_DESCRIPTION,
    skills: [skill('Data Entry'), skill('HubSpot')]
  }

  const huge: FakeJob = {
    ...base('web-development', HUGE_TITLE, 108_000, '~02a11ce0000000000005', { ...sampleClient, companyRid: '888002', companyName: 'Atlas Partners', totalSpent: 246_300, totalHires: 96, totalPostedJobs: 130, totalReviews: 80, totalFeedback: 4.95 }),
    description: hugeDescription(),
    contractType: 'HOURLY',
    hourlyBudgetType: 'DEFAULT',
    hourlyBudgetMin: 60,
    hourlyBudgetMax: 120,
    amount: 0,
    engagement: '30+ hrs/week',
    engagementType: 'FULL_TIME',
    experienceLevel: 'EXPERT',
    duration: 'SEMESTER',
    durationLabel: 'More than 6 months',
    skills: [skill('TypeScript'), skill('React'), skill('Node.js'), skill('PostgreSQL'), skill('AWS')]
  }
  return [sample, injection, nulls, html, invisible, huge]
}

function makeUser(): FakeUser {
  return {
    id: KNOWN.userId,
    nid: 'danakowalski',
    rid: '4127730',
    email: 'dana.kowalski@example.com',
    name: KNOWN.userName,
    firstName: 'Dana',
    lastName: 'Kowalski',
    photoUrl: 'https://www.upwork.com/profile-portraits/c1fake_dana_100.jpg',
    ciphertext: KNOWN.profileKey,
    title: 'Senior TypeScript & Electron Developer',
    overview:
      'I build fast, reliable desktop and web apps with TypeScript, Electron, React and Node.js.\n\n' +
      '8+ years shipping local-first products: offline sync, SQLite, GraphQL APIs, CI/CD. I write tests and I communicate daily.',
    hourlyRate: 75,
    skills: ['TypeScript', 'Electron', 'React', 'Node.js', 'GraphQL', 'PostgreSQL', 'SQLite', 'Docker'].map(skill),
    location: { country: 'Poland', city: 'Kraków', state: null, timezone: 'Europe/Warsaw' },
    jobSuccessScore: 96,
    totalFeedback: 4.93,
    totalHourlyJobs: 23,
    totalFixedJobs: 17,
    totalEarnings: 148_250,
    totalHours: 3120
  }
}

function makeOrganizations(): FakeOrganization[] {
  return [
    { id: KNOWN.personalOrgId, rid: '3948211', legacyId: '3948211', name: KNOWN.userName, kind: 'personal', creationDate: '2017-05-02T10:11:12.000Z' },
    { id: KNOWN.agencyOrgId, rid: '5120934', legacyId: '5120934', name: 'Kowalski Digital Studio', kind: 'agency', creationDate: '2021-09-20T08:00:00.000Z' }
  ]
}

function makePeople(): FakePerson[] {
  const p = (i: number, name: string, orgName: string): FakePerson => ({
    id: String(1300000000000000000n + BigInt(i) * 1_000_003n),
    nid: name.toLowerCase().replace(/[^a-z]/g, ''),
    rid: String(6100000 + i),
    name,
    photoUrl: `https://www.upwork.com/profile-portraits/c1fake_${i}_100.jpg`,
    orgId: String(1400000000000900000n + BigInt(i)),
    orgName
  })
  return [
    p(1, 'Maya Chen', 'Northwind Analytics'),
    p(2, 'Tom Becker', 'Becker & Sons Logistics'),
    p(3, 'Priya Natarajan', 'Lumen Health'),
    p(4, 'Jordan Ellis', 'Acme Corp'),
    p(5, 'Sofia Alvarez', 'Brightline Media')
  ]
}

function makeProposals(jobsNewestFirst: FakeJob[], now: number): FakeProposal[] {
  // Seeded jobs only (not the fixed ones) so the known job stays un-applied.
  const fixed = new Set<string>([KNOWN.jobId, ...Object.values(KNOWN.hostileJobIds)])
  const candidates = jobsNewestFirst.filter((j) => !fixed.has(j.id))
  const jobAt = (i: number): FakeJob => candidates[Math.min(i, candidates.length - 1)] as FakeJob
  const day = 86_400_000
  const specs: Array<[id: string, pos: number, status: FakeProposal['status'], daysAgo: number, reason?: string]> = [
    [KNOWN.pendingProposalIds[0], 3, 'Pending', 0.2],
    [KNOWN.pendingProposalIds[1], 9, 'Pending', 1.1],
    ['1790371530286411779', 14, 'Activated', 1.6],
    ['1790371530286411780', 20, 'Offered', 2.2],
    ['1790371530286411781', 25, 'Hired', 2.6],
    ['1790371530286411782', 30, 'Declined', 2.8, 'Client hired someone else'],
    ['1790371530286411783', 35, 'Withdrawn', 2.9],
    ['1790371530286411784', 40, 'Archived', 2.95]
  ]
  return specs.map(([id, pos, status, daysAgo, reason]) => {
    const job = jobAt(pos)
    // A proposal cannot predate the job; keep it a little after publication.
    const created = Math.min(now - 60_000, Math.max(Date.parse(job.publishedDateTime) + 600_000, now - daysAgo * day))
    const hourly = job.contractType === 'HOURLY'
    const rate = hourly ? 75 : Math.max(100, job.amount)
    return {
      id,
      jobId: job.id,
      status,
      coverLetter: `Hi! I read your post about "${job.title.slice(0, 60)}". I have done very similar work and can start this week. Happy to share examples.`,
      chargeRate: rate,
      estimatedDuration: hourly ? null : { id: '2', label: '1 to 3 months' },
      milestones: hourly ? null : [{ description: 'Complete the project', dueDate: iso(created + 14 * day), amount: rate.toFixed(2) }],
      createdDateTime: iso(created),
      modifiedDateTime: status === 'Pending' ? null : iso(Math.min(now, created + 3 * HOUR * 1000)),
      organizationId: KNOWN.personalOrgId,
      declineReason: reason ?? null
    }
  })
}

function makeRooms(people: FakePerson[], user: FakeUser, proposals: FakeProposal[], jobs: FakeJob[], now: number): FakeRoom[] {
  const minute = 60_000
  const person = (i: number): FakePerson => people[i] as FakePerson
  let storyCounter = 0
  const room = (
    id: string,
    roomName: string,
    roomType: FakeRoom['roomType'],
    clientIdx: number,
    lines: Array<[fromClient: boolean, minutesAgo: number, text: string]>,
    unread: number,
    extra: Partial<FakeRoom> = {}
  ): FakeRoom => {
    const client = person(clientIdx)
    const stories: FakeStory[] = lines.map(([fromClient, minutesAgo, text]) => {
      const at = iso(now - minutesAgo * minute)
      storyCounter++
      return {
        id: String(1714000000000000000n + BigInt(storyCounter) * 97n),
        roomId: id,
        userId: fromClient ? client.id : user.id,
        message: text,
        createdDateTime: at,
        updatedDateTime: at
      }
    })
    // lastRead sits just before the last `unread` client messages.
    const clientStories = stories.filter((s) => s.userId === client.id)
    const firstUnread = clientStories[clientStories.length - unread]
    const lastReadMs = unread > 0 && firstUnread ? Date.parse(firstUnread.createdDateTime) - 1000 : now - minute
    const oldest = stories[0]
    return {
      id,
      roomName,
      topic: null,
      roomType,
      createdAtDateTime: oldest ? iso(Date.parse(oldest.createdDateTime) - 5 * minute) : iso(now),
      lastReadDateTime: iso(Math.max(0, lastReadMs)),
      favorite: false,
      hidden: false,
      clientPersonId: client.id,
      contractId: null,
      vendorProposalId: null,
      offerIds: [],
      stories,
      ...extra
    }
  }
  const activated = proposals.find((p) => p.status === 'Activated')
  const offered = proposals.find((p) => p.status === 'Offered')
  // Interview rooms are named after the job, like Upwork's proposal rooms.
  const jobTitle = (p: FakeProposal | undefined): string => jobs.find((j) => j.id === p?.jobId)?.title ?? 'Job proposal'
  const [r1, r2, r3, r4, r5] = KNOWN.roomIds
  return [
    room(r1, 'Maya Chen', 'ONE_ON_ONE', 0, [
      [true, 60 * 26, 'Hi Dana, thanks for the quick turnaround on the dashboard last week!'],
      [false, 60 * 25, 'Glad it helped! Anything else you need?'],
      [true, 95, 'Yes — could you look at the export bug? CSV exports cut off at 1,000 rows.'],
      [true, 40, 'Also, are you free for a 15-minute call tomorrow at 10:00 CET?']
    ], 2, { contractId: '38472910', favorite: true }),
    room(r2, `Tom Becker: ${jobTitle(activated)}`, 'INTERVIEW', 1, [
      [true, 60 * 30, 'Hello, I saw your proposal. Can you tell me more about similar projects you have done?'],
      [false, 60 * 29, 'Sure: I delivered two very similar projects last year; happy to walk you through them on a call.'],
      [true, 12, HOSTILE_MESSAGE]
    ], 1, { vendorProposalId: activated?.id ?? null, topic: 'Proposal discussion' }),
    room(r3, 'Priya Natarajan', 'ONE_ON_ONE', 2, [
      [true, 60 * 70, 'Contract ended, thank you! I left you 5 stars.'],
      [false, 60 * 69, 'Thank you Priya, it was a pleasure working with you.']
    ], 0, { contractId: '38219004' }),
    room(r4, `Jordan Ellis: ${jobTitle(offered)}`, 'INTERVIEW', 3, [
      [true, 60 * 50, 'We would like to hire you. I have sent an offer.'],
      [false, 60 * 49, 'Great, I will review it today.'],
      [true, 60 * 48, 'Let me know if the milestones work for you.'],
      [false, 60 * 20, 'The milestones look good. Accepting shortly.']
    ], 0, { vendorProposalId: offered?.id ?? null, offerIds: ['58123004'] }),
    room(r5, 'Brightline Media — Website relaunch', 'GROUP', 4, [
      [true, 60 * 60, 'Welcome to the relaunch group! Kick-off is Monday.'],
      [false, 60 * 59, 'Looking forward to it.'],
      [true, 60 * 8, 'Reminder: please upload your estimate to the shared folder.']
    ], 1, { topic: 'Website relaunch' })
  ]
}

export function seedData(seed: number, now: number): FakeData {
  const rng = createRng(seed)
  const clients = Array.from({ length: 26 }, (_, i) => makeClient(rng, i + 1))
  const jobs = fixedJobs(rng, now)
  const usedIds = new Set(jobs.map((j) => j.id))
  // Every template once (so every category is present), then a few repeats, 54 in all.
  const templates = [...rng.sample(JOB_TEMPLATES, JOB_TEMPLATES.length), ...rng.sample(JOB_TEMPLATES, 54 - JOB_TEMPLATES.length)]
  for (const tpl of templates) {
    const age = rng.int(10 * 60, 72 * HOUR - 60)
    let id = jobIdForAge(age, rng.int(1, 999))
    while (usedIds.has(id)) id = String(BigInt(id) + 1n)
    usedIds.add(id)
    jobs.push(jobFromTemplate(rng, tpl, rng.pick(clients), now, age, id))
  }
  const newestFirst = [...jobs].sort((a, b) => b.publishedDateTime.localeCompare(a.publishedDateTime) || b.id.localeCompare(a.id))
  const user = makeUser()
  const people = makePeople()
  const proposals = makeProposals(newestFirst, now)
  return {
    user,
    organizations: makeOrganizations(),
    categories: CATEGORIES.map((c) => ({ ...c, subcategories: c.subcategories.map((s) => ({ ...s })) })),
    skills: SKILLS.map((s) => ({ ...s })),
    jobs: newestFirst,
    people,
    rooms: makeRooms(people, user, proposals, newestFirst, now),
    proposals
  }
}

/**
 * A brand-new job for publishJob(): published "now" (never older than the newest job, so it is
 * first under RECENCY) with an id above every existing one.
 */
export function newJob(rng: Rng, data: FakeData, now: number, partial: Partial<FakeJob> = {}): FakeJob {
  const maxId = data.jobs.reduce((m, j) => (/^\d+$/.test(j.id) && BigInt(j.id) > m ? BigInt(j.id) : m), 0n)
  const newest = data.jobs.reduce((m, j) => Math.max(m, Date.parse(j.publishedDateTime) || 0), 0)
  const published = Math.max(now, newest + 1000)
  const client = makeClient(rng, 100 + data.jobs.length)
  const job = jobFromTemplate(rng, rng.pick(JOB_TEMPLATES), client, published, 0, String(maxId + BigInt(rng.int(1000, 90_000))))
  return { ...job, ...partial }
}

/** A JobDuration label lookup for the detail view's engagementDuration. */
export function durationInfo(duration: JobDuration | null): { id: string; label: string; weeks: number } | null {
  const d = DURATIONS.find((x) => x.duration === duration)
  return d ? { id: String(DURATIONS.indexOf(d) + 1), label: d.label, weeks: d.weeks } : null
}
