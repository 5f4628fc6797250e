import { monitorEventLoopDelay, performance } from 'node:perf_hooks'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export interface EventLoopFigures<T> {
  result: T
  /** 99th percentile of the event loop's delay while `work` ran (monitorEventLoopDelay, 1 ms resolution). */
  p99Ms: number
  /** The longest stretch without a timer tick: the larger of the histogram's max and a 1 ms setInterval probe. */
  maxBlockMs: number
  totalMs: number
}

/**
 * Runs `work` and reports how the main event loop fared meanwhile. Both probes are started and
 * ticking before the work begins (the histogram ignores a stall before its first tick), and
 * watched for a moment after it ends.
 */
export async function measureEventLoop<T>(work: () => Promise<T>): Promise<EventLoopFigures<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  let last = performance.now()
  let maxGap = 0
  const probe = setInterval(() => {
    const now = performance.now()
    maxGap = Math.max(maxGap, now - last)
    last = now
  }, 1)
  histogram.enable()
  try {
    await sleep(20)
    histogram.reset()
    maxGap = 0
    last = performance.now()
    const start = performance.now()
    const result = await work()
    const totalMs = performance.now() - start
    await sleep(5)
    return { result, p99Ms: histogram.percentile(99) / 1e6, maxBlockMs: Math.max(histogram.max / 1e6, maxGap), totalMs }
  } finally {
    histogram.disable()
    clearInterval(probe)
  }
}
