import type { BridgeApi, ChannelName, ChannelOutput } from '@shared/contract'
import type { IpcError, IpcResult } from '@shared/ipc-result'

/** A failed call, with the main process's stable code and plain-words message. */
export class ApiError extends Error {
  constructor(
    readonly code: IpcError['code'],
    message: string,
    /** With invalid_input: the plain-words problem of each refused field, by dotted path. */
    readonly fields?: Record<string, string>
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

function bridge(): BridgeApi {
  if (!window.gigpilot) {
    // No words of our own here: the UI shows errors.unavailable in the user's language.
    throw new ApiError('unavailable', '')
  }
  return window.gigpilot
}

async function unwrap<T>(call: Promise<IpcResult<T>>): Promise<T> {
  const result = await call
  if (result.ok) return result.value
  throw new ApiError(result.error.code, result.error.message, result.error.fields)
}

type Unwrapped = {
  [N in keyof Omit<BridgeApi, 'on'>]: {
    [M in keyof BridgeApi[N]]: BridgeApi[N][M] extends (...args: infer A) => Promise<IpcResult<infer R>>
      ? (...args: A) => Promise<R>
      : never
  }
}

/**
 * The renderer's typed client: same shape as window.gigpilot, but resolves to the value and
 * throws ApiError on failure. Components use stores and hooks that call this, never window.*.
 */
export const api: Unwrapped & { on: BridgeApi['on'] } = new Proxy({} as Unwrapped & { on: BridgeApi['on'] }, {
  get(_t, ns: string) {
    if (ns === 'on') return ((event, listener) => bridge().on(event, listener)) as BridgeApi['on']
    return new Proxy(
      {},
      {
        get(_t2, method: string) {
          return (...args: unknown[]) => {
            const group = (bridge() as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<IpcResult<unknown>>>>)[ns]
            const fn = group?.[method]
            if (!fn) return Promise.reject(new ApiError('unknown_channel', `Unknown request ${ns}:${method}`))
            return unwrap(fn(...args))
          }
        }
      }
    )
  }
})

export type { ChannelName, ChannelOutput }

/**
 * A failure as the stores keep it: main's stable code (translated at render time through
 * `errors.<code>`, so a language switch re-translates it) and main's message as the fallback.
 */
export interface Problem {
  code?: string
  message: string
}

export const toProblem = (e: unknown): Problem =>
  e instanceof ApiError ? { code: e.code, message: e.message } : { message: e instanceof Error ? e.message : String(e) }
