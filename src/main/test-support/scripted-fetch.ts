/**
 * A fetch stand-in that answers from a script, for unit tests of parsing and retry decisions.
 * (Integration tests use real HTTP against the fake Upwork server instead.)
 */
export type ScriptStep =
  | { status?: number; json?: unknown; body?: string; headers?: Record<string, string> }
  | { networkError: string }

export interface RecordedCall {
  url: string
  method: string
  headers: Record<string, string>
  body: string
}

export function scriptedFetch(steps: ScriptStep[] | ((call: RecordedCall, index: number) => ScriptStep)) {
  const calls: RecordedCall[] = []
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v))
    const call: RecordedCall = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : ''
    }
    calls.push(call)
    const index = calls.length - 1
    const step = typeof steps === 'function' ? steps(call, index) : steps[Math.min(index, steps.length - 1)]
    if (!step) throw new Error('script exhausted')
    if ('networkError' in step) {
      const err = new TypeError('fetch failed')
      ;(err as { cause?: unknown }).cause = Object.assign(new Error(step.networkError), { code: step.networkError })
      throw err
    }
    const body = step.body ?? (step.json === undefined ? '' : JSON.stringify(step.json))
    return new Response(body, {
      status: step.status ?? 200,
      headers: { 'content-type': 'application/json', ...step.headers }
    })
  }) as typeof fetch
  return { fetch: fetchFn, calls }
}
