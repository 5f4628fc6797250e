import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { channelNames } from '@shared/contract'
import { fail } from '@shared/ipc-result'
import { dispatch, type DispatchOptions } from '../ipc/dispatch'
import { isTrustedSender } from './sender-check'

/**
 * The only caller of ipcMain.handle. Each contract channel gets one handler that refuses foreign
 * senders, then validates and runs the call through the shared dispatcher.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, opts: DispatchOptions & { trustedOrigins: readonly string[] }): () => void {
  for (const name of channelNames) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event.senderFrame, opts.trustedOrigins)) {
        opts.logger.warn('IPC refused: untrusted sender', { channel: name, url: event.senderFrame?.url ?? null })
        return fail('forbidden_sender', 'This request did not come from the GigPilot window.')
      }
      return dispatch(opts, name, input)
    })
  }
  return () => channelNames.forEach((name) => ipcMain.removeHandler(name))
}
