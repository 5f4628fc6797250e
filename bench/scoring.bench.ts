/**
 * Fit-score throughput: `compileProfile` once per batch, then `scoreJob` (with reasons) or
 * `scoreOnly` (the number) over 20,000 varied jobs
 * (realistic ~1.5 KB descriptions, some with red flags, some with missing fields, a few 1 MB
 * posts). Issue 7 needs ingest + score at 20,000 jobs/s, so scoring alone should stay well above
 * 200,000 jobs/s. `npx tsx bench/scoring.bench.ts` prints the figures; `runScoringBench` returns them.
 */
import { pathToFileURL } from 'node:url'
import { compileProfile, scoreJobs, scoreOnly, type FreelancerProfile, type ScoringJob } from '../src/main/discovery/scoring'
import { median, round } from './stats'

const WORDS = (
  'we are looking for an experienced developer to build and maintain our web application the project ' +
  'includes a dashboard reporting integrations with third party services and a clean responsive design ' +
  'you will work closely with our product team please describe similar work you have done and how you ' +
  'would approach this project timeline is flexible but we would like to start soon'
).split(' ')
const SKILLS = ['React', 'TypeScript', 'Node.js', 'JavaScript', 'Electron', 'PostgreSQL', 'Python', 'Django', 'Figma', 'WordPress', 'PHP', 'AWS', 'Docker', 'GraphQL', 'Next.js', 'Vue.js', 'CSS', 'HTML5', 'MongoDB', 'React Native']
const FLAGS = [' Please contact me on Telegram @client123 to discuss.', ' The test task is unpaid.', ' We will pay outside Upwork to avoid fees.', ' Payment in USDT.', ' Send me your email.']
const COUNTRIES = ['United States', 'United Kingdom', 'Germany', 'India', 'Canada', 'Australia', null]

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function makeBenchJobs(count: number, now: number, seed = 7): ScoringJob[] {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
  const jobs: ScoringJob[] = []
  for (let i = 0; i < count; i++) {
    const words: string[] = []
    const n = 150 + Math.floor(r() * 200)
    for (let k = 0; k < n; k++) words.push(pick(WORDS))
    let description = words.join(' ')
    if (r() < 0.05) description += pick(FLAGS)
    if (i % 5000 === 4999) description = 'x'.repeat(1_000_000)
    const hourly = r() < 0.6
    const skills = Array.from({ length: 2 + Math.floor(r() * 6) }, () => pick(SKILLS))
    const sparse = r() < 0.1
    jobs.push({
      title: `${pick(SKILLS)} developer for ${pick(WORDS)} ${pick(WORDS)}`,
      description,
      skills,
      jobType: hourly ? 'HOURLY' : 'FIXED',
      hourlyMin: hourly ? 15 + Math.floor(r() * 40) : null,
      hourlyMax: hourly ? 40 + Math.floor(r() * 80) : null,
      fixedAmount: hourly ? null : Math.floor(r() * 5000),
      experienceLevel: pick(['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT', null]),
      totalApplicants: sparse ? null : Math.floor(r() * 60),
      publishedAt: new Date(now - Math.floor(r() * 72 * 3600_000)).toISOString(),
      clientVerified: sparse ? null : r() < 0.85,
      clientTotalSpent: sparse ? null : Math.floor(r() * 100_000),
      clientHires: sparse ? null : Math.floor(r() * 30),
      clientPostedJobs: sparse ? null : 1 + Math.floor(r() * 40),
      clientFeedback: sparse ? null : 3 + r() * 2,
      clientReviews: sparse ? null : Math.floor(r() * 50),
      clientCountry: pick(COUNTRIES)
    })
  }
  return jobs
}

export const BENCH_PROFILE: FreelancerProfile = {
  skills: ['React', 'TypeScript', 'Node', 'Electron', 'Postgres', 'GraphQL', 'JavaScript'],
  hourlyRate: 60,
  minFixedBudget: 1000,
  yearsExperience: 7,
  avoidCountries: ['Narnia'],
  negativeKeywords: ['wordpress', 'cold calling', 'data entry']
}

export function runScoringBench(runs = 5, count = 20_000): Record<string, number> {
  const now = Date.parse('2026-12-01T12:00:00Z')
  const jobs = makeBenchJobs(count, now)
  // Warm up the JIT so the runs measure steady state (a long-lived app scores many batches).
  const warm = compileProfile(BENCH_PROFILE)
  scoreJobs(jobs.slice(0, 2000), warm, now)
  for (const job of jobs.slice(0, 2000)) scoreOnly(job, warm, now)
  const measure = (scoreBatch: () => number): { wall: number; cpu: number } => {
    const wall: number[] = []
    const cpu: number[] = []
    for (let i = 0; i < runs; i++) {
      const cpuStart = process.cpuUsage()
      const start = performance.now()
      const checksum = scoreBatch()
      const ms = performance.now() - start
      const cpuUsed = process.cpuUsage(cpuStart)
      if (checksum === 0) throw new Error('scoring bench: every score was 0')
      wall.push(count / (ms / 1000))
      cpu.push(count / ((cpuUsed.user + cpuUsed.system) / 1e6))
    }
    return { wall: round(median(wall), 0), cpu: round(median(cpu), 0) }
  }
  // Each batch compiles the profile once, as ingest will.
  const withReasons = measure(() => scoreJobs(jobs, compileProfile(BENCH_PROFILE), now).reduce((a, s) => a + s.score, 0))
  const numberOnly = measure(() => {
    const compiled = compileProfile(BENCH_PROFILE)
    let sum = 0
    for (const job of jobs) sum += scoreOnly(job, compiled, now)
    return sum
  })
  return {
    'discovery.scoring_jobs_per_s': withReasons.wall,
    // Per second of this process's CPU time: steadier than wall time when other work shares the cores.
    'discovery.scoring_jobs_per_cpu_s': withReasons.cpu,
    'discovery.score_only_jobs_per_s': numberOnly.wall,
    'discovery.score_only_jobs_per_cpu_s': numberOnly.cpu
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, value] of Object.entries(runScoringBench())) console.log(`${name}  ${value}`)
}
