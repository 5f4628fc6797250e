import { channels, type ChannelName } from '@shared/contract'
import { fail, ok, type IpcResult } from '@shared/ipc-result'
import { issuesByField } from '@shared/field-problems'
import { renderText, translator, type Translate } from '@shared/i18n'
import { isUserFacingError } from '../core/app-error'
import type { Logger } from '../logging/logger'
import type { Handlers } from '../core/domain-module'

export interface DispatchOptions {
  handlers: Handlers
  logger: Logger
  /** Scrubs secrets out of any text that leaves main (error messages included). */
  redact: (text: string) => string
  logsDir: string
  /** Main's translator: a user-facing error's text is rendered in the language in force (default English). */
  t?: Translate
}

const ENGLISH = translator('en')

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
    const fields = issuesByField(parsed.error)
    return fail('invalid_input', [...new Set(Object.values(fields))].join(' '), fields)
  }
  const handler = opts.handlers[name] as (input: unknown) => Promise<unknown>
  try {
    return ok(await handler(parsed.data))
  } catch (e) {
    if (isUserFacingError(e)) {
      opts.logger.warn('IPC call failed', { channel: name, code: e.code, message: e.message })
      return fail(e.code, opts.redact(e.text ? renderText(opts.t ?? ENGLISH, e.text) : e.message))
    }
    opts.logger.error('IPC handler crashed', {
      channel: name,
      error: e instanceof Error ? (e.stack ?? e.message) : String(e)
    })
    return fail('internal', `Something went wrong (${name}). Details are in the log folder: ${opts.logsDir}`)
  }
}
