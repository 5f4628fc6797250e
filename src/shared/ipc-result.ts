/**
 * Every IPC call returns this envelope. Electron forwards only `message` of a thrown error across
 * `invoke`, so errors travel as data with a stable `code` the UI can branch on.
 */
export type IpcErrorCode =
  | 'invalid_input'
  | 'forbidden_sender'
  | 'unknown_channel'
  | 'not_found'
  | 'conflict'
  | 'unavailable'
  | 'upwork'
  | 'internal'
  | (string & {})

export interface IpcError {
  code: IpcErrorCode
  message: string
  /** With invalid_input: the plain-words problem of each rejected field, by dotted path ('upwork.callbackPort'). */
  fields?: Record<string, string>
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value })
export const fail = (code: IpcErrorCode, message: string, fields?: Record<string, string>): IpcResult<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message }
})
