import { clipboard, dialog } from 'electron'

/**
 * A start-up failure the user must see (a database from a newer version, a corrupt file, no
 * disk space). Like Signal: the default button copies the error and quits; nothing is deleted.
 */
export async function showStartupError(message: string, detail: string): Promise<void> {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'GigPilot could not start',
    message,
    detail,
    buttons: ['Copy error and quit', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true
  })
  if (response === 0) clipboard.writeText(`${message}\n\n${detail}`)
}
