import { startFakeUpwork } from '../tools/fake-upwork/index'
import { searchJobs } from '../src/main/upwork/operations/jobs'
import { connectWithFakeKey, createHarness } from '../src/main/upwork/test-support/connection-harness'
import { medianFigure, type Figure } from './stats'

/**
 * The Upwork client against the local fake: how many requests one full sign-in costs, and what
 * request rate the limiter lets through when 40 reads are fired at once (Upwork allows 10/s).
 */
export async function runUpworkBench(runs = 5): Promise<Figure[]> {
  const signInRequests: number[] = []
  const peak: number[] = []
  const sustained: number[] = []
  for (let i = 0; i < runs; i++) {
    const fake = await startFakeUpwork({ autoApprove: true })
    const h = await createHarness(fake, { settings: { hourlyRequestBudget: 5000 } })
    try {
      await connectWithFakeKey(h)
      signInRequests.push(fake.requests.filter((r) => r.path.endsWith('/graphql') || r.grantType).length)
      fake.clearRequests()
      await Promise.all(Array.from({ length: 40 }, () => searchJobs(h.connection.operations, { query: 'react' })))
      const times = fake.requests.filter((r) => r.path.endsWith('/graphql')).map((r) => r.at).sort((a, b) => a - b)
      let maxInWindow = 0
      for (let a = 0, b = 0; b < times.length; b++) {
        while (times[b]! - times[a]! >= 1000) a++
        maxInWindow = Math.max(maxInWindow, b - a + 1)
      }
      peak.push(maxInWindow)
      sustained.push((times.length - 1) / ((times.at(-1)! - times[0]!) / 1000))
    } finally {
      await h.cleanup()
      await fake.close()
    }
  }
  return [
    medianFigure('upwork.sign_in_requests', 'upwork: requests for one full sign-in (token + GraphQL)', signInRequests, 0),
    medianFigure('upwork.max_requests_in_1s_window', 'upwork: most requests in any 1-s window, 40 concurrent reads', peak, 0),
    medianFigure('upwork.sustained_requests_per_s', 'upwork: sustained request rate, 40 concurrent reads (req/s)', sustained, 2)
  ]
}
