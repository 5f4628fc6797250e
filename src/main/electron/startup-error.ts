import { clipboard, dialog } from 'electron'

export interface StartupErrorOptions {
  message: string
  detail: string
  /** Offered when the database is damaged and a verified backup exists; resolves to a summary. */
  restore?: () => Promise<string>
}

/**
 * A start-up failure the user must see (a database from a newer version, a damaged file, no disk
 * space). Like Signal: the default button copies the error and quits; nothing is ever deleted. For
 * a damaged database the first button restores the newest backup (the damaged file is kept).
 * Resolves to 'restored' when the caller should relaunch, else 'quit'.
 */
export async function showStartupError(opts: StartupErrorOptions): Promise<'restored' | 'quit'> {
  const buttons = [...(opts.restore ? ['Restore the newest backup'] : []), 'Copy error and quit', 'Quit']
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'GigPilot could not start',
    message: opts.message,
    detail: opts.detail,
    buttons,
    defaultId: 0,
    cancelId: buttons.length - 1,
    noLink: true
  })
  const choice = buttons[response]
  if (choice === 'Restore the newest backup' && opts.restore) {
    try {
      const summary = await opts.restore()
      await dialog.showMessageBox({ type: 'info', title: 'Backup restored', message: 'GigPilot restored your newest backup and will start again.', detail: summary, buttons: ['OK'] })
      return 'restored'
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e)
      await dialog.showMessageBox({ type: 'error', title: 'Restore failed', message: 'GigPilot could not restore the backup.', detail: reason, buttons: ['Quit'] })
      return 'quit'
    }
  }
  if (choice === 'Copy error and quit') clipboard.writeText(`${opts.message}\n\n${opts.detail}`)
  return 'quit'
}
