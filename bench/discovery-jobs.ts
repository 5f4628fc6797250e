import { jobSummary } from '../src/main/discovery/test-support/jobs'
import type { JobSummary } from '../src/main/upwork/types'

/** Search words: tech terms each in a part of the jobs (as in real postings), not in all of them. */
export const WORDS = 'react typescript node kubernetes terraform python django figma dashboard api graphql postgres docker electron rust golang'.split(' ')
const PROSE = (
  'we are looking for an experienced developer to build and maintain our web application the project ' +
  'includes reporting integrations with third party services and a clean responsive design ' +
  'you will work closely with our product team please describe similar work you have done and how you ' +
  'would approach this project timeline is flexible but we would like to start soon'
).split(' ')

/** The profile the discovery benches score against. */
export const BENCH_PROFILE = { skills: ['React', 'TypeScript', 'Node.js', 'GraphQL'], hourlyRate: 60, minFixedBudget: 300 }

/** Varied Upwork job summaries (~1.3 KB descriptions): words from WORDS in titles and descriptions so FTS has something to rank. */
export function benchJobs(count: number, from = 0, at?: number): JobSummary[] {
  const out: JobSummary[] = []
  for (let i = from; i < from + count; i++) {
    const w = (k: number): string => WORDS[(i * 7 + k * 13) % WORDS.length]!
    const prose: string[] = []
    for (let k = 0; k < 180; k++) prose.push(k % 40 === 7 ? w(k) : PROSE[(i * 31 + k * 17) % PROSE.length]!)
    const skills = [w(6), w(7), w(8)].map((name) => ({ name, prettyName: name }))
    out.push(jobSummary(i, { title: `${w(1)} ${w(2)} developer for a project #${i}`, description: `Looking for ${w(4)} and ${w(5)} experience. ${prose.join(' ')}`, skills }, at))
  }
  return out
}
