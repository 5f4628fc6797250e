import { z } from 'zod'
import { channels, type ChannelName } from '@shared/contract'
import { fail, ok, type IpcResult } from '@shared/ipc-result'
import { isUserFacingError } from '../app/app-error'
import type { Logger } from '../logging/logger'
import type { Handlers } from './handlers'

export interface DispatchOptions {
  handlers: Handlers
  logger: Logger
  /** Scrubs secrets out of any text that leaves main (error messages included). */
  redact: (text: string) => string
  logsDir: string
}

const isChannel = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name)

/**
 * Validates and runs one call. Shared by Electron's ipcMain (after its sender check) and the
 * browser harness bridge (after its token check), so both behave identically.
 */
export async function dispatch(opts: DispatchOptions, name: unknown, rawInput: unknown): Promise<IpcResult<unknown>> {
  if (!isChannel(name)) return fail('unknown_channel', 'GigPilot does not know that request.')
  const parsed = channels[name].input.safeParse(rawInput)
  if (!parsed.success) {
    opts.logger.warn('IPC input refused', { channel: name, issues: parsed.error.issues.length })
    return fail('invalid_input', z.prettifyError(parsed.error))
  }
  const handler = opts.handlers[name] as (input: unknown) => Promise<unknown>
  try {
    return ok(await handler(parsed.data))
  } catch (e) {
    if (isUserFacingError(e)) {
      opts.logger.warn('IPC call failed', { channel: name, code: e.code, message: e.message })
      return fail(e.code, opts.redact(e.message))
    }
    opts.logger.error('IPC handler crashed', {
      channel: name,
      error: e instanceof Error ? (e.stack ?? e.message) : String(e)
    })
    return fail('internal', `Something went wrong (${name}). Details are in the log folder: ${opts.logsDir}`)
  }
}
