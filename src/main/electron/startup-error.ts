import { clipboard, dialog } from 'electron'
import { isMessageKey, type Translate } from '@shared/i18n'
import { DatabaseError } from '../db/errors'

export interface StartupErrorOptions {
  /** The headline: `startupErrorMessage(error, t)`. */
  message: string
  detail: string
  /** Offered when the database is damaged and a verified backup exists; resolves to a summary. */
  restore?: () => Promise<string>
  /** Main's translator (src/main/i18n), in the language of the user's settings. */
  t: Translate
}

/**
 * The headline for a start-up failure in the user's language: the catalog's `startup.db.<code>`
 * for the database layer's own errors, else the error's message (already plain words, in English).
 */
export function startupErrorMessage(error: unknown, t: Translate): string {
  if (error instanceof DatabaseError) {
    const key = `startup.db.${error.code}`
    const fields = error as unknown as Record<string, unknown>
    const text = (name: string): string => (typeof fields[name] === 'string' ? (fields[name] as string) : '')
    if (isMessageKey(key)) return t(key, { migration: text('migration'), backupDir: text('backupDir') })
  }
  return error instanceof Error ? error.message : String(error)
}

/**
 * A start-up failure the user must see (a database from a newer version, a damaged file, no disk
 * space). Like Signal: the default button copies the error and quits; nothing is ever deleted. For
 * a damaged database the first button restores the newest backup (the damaged file is kept).
 * Resolves to 'restored' when the caller should relaunch, else 'quit'.
 */
export async function showStartupError(opts: StartupErrorOptions): Promise<'restored' | 'quit'> {
  const { t } = opts
  const choices = [...(opts.restore ? (['restore'] as const) : []), 'copy', 'quit'] as const
  const label = { restore: t('startup.restore'), copy: t('startup.copyAndQuit'), quit: t('startup.quit') }
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: t('startup.title'),
    message: opts.message,
    detail: opts.detail,
    buttons: choices.map((c) => label[c]),
    defaultId: 0,
    cancelId: choices.length - 1,
    noLink: true
  })
  const choice = choices[response]
  if (choice === 'restore' && opts.restore) {
    try {
      const summary = await opts.restore()
      await dialog.showMessageBox({ type: 'info', title: t('startup.restored.title'), message: t('startup.restored.message'), detail: summary, buttons: [t('startup.ok')] })
      return 'restored'
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e)
      await dialog.showMessageBox({ type: 'error', title: t('startup.restoreFailed.title'), message: t('startup.restoreFailed.message'), detail: reason, buttons: [t('startup.quit')] })
      return 'quit'
    }
  }
  if (choice === 'copy') clipboard.writeText(`${opts.message}\n\n${opts.detail}`)
  return 'quit'
}
