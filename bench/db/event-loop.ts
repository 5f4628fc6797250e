import { monitorEventLoopDelay, performance } from 'node:perf_hooks'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `work` and reports the longest stretch during which the event loop could not run a timer:
 * the larger of `monitorEventLoopDelay` (1 ms resolution) and a 1 ms setInterval probe. Both are
 * started and ticking before the work begins (the histogram ignores a stall before its first
 * tick), and watched for a moment after it ends.
 */
export async function measureEventLoopBlock<T>(work: () => Promise<T>): Promise<{ result: T; maxBlockMs: number; totalMs: number }> {
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
    await sleep(20)
    return { result, maxBlockMs: Math.max(histogram.max / 1e6, maxGap), totalMs }
  } finally {
    histogram.disable()
    clearInterval(probe)
  }
}
