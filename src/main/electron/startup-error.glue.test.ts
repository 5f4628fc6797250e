import { beforeEach, describe, expect, it, vi } from 'vitest'

/** Only `electron` is replaced: the dialog answers with a scripted button, the clipboard records. */
const answers: number[] = []
const shown: Array<{ buttons: string[]; message: string }> = []
const writeText = vi.fn()
vi.mock('electron', () => ({
  clipboard: { writeText },
  dialog: {
    showMessageBox: async (o: { buttons: string[]; message: string }) => {
      shown.push(o)
      return { response: answers.shift() ?? 0 }
    }
  }
}))

const { showStartupError } = await import('./startup-error')

beforeEach(() => {
  shown.length = 0
  writeText.mockClear()
})

describe('showStartupError', () => {
  it('offers restore first for a damaged database and reports it', async () => {
    const restore = vi.fn(async () => 'Restored from b.db')
    answers.push(0, 0)
    expect(await showStartupError({ message: 'damaged', detail: 'd', restore })).toBe('restored')
    expect(shown[0]!.buttons).toEqual(['Restore the newest backup', 'Copy error and quit', 'Quit'])
    expect(restore).toHaveBeenCalledOnce()
  })

  it('says so and quits when the restore fails', async () => {
    answers.push(0, 0)
    const outcome = await showStartupError({ message: 'damaged', detail: 'd', restore: async () => Promise.reject(new Error('no backup')) })
    expect(outcome).toBe('quit')
    expect(shown[1]!.message).toBe('GigPilot could not restore the backup.')
  })

  it('copies the error by default when there is nothing to restore', async () => {
    answers.push(0)
    expect(await showStartupError({ message: 'newer version', detail: 'folder' })).toBe('quit')
    expect(shown[0]!.buttons).toEqual(['Copy error and quit', 'Quit'])
    expect(writeText).toHaveBeenCalledWith('newer version\n\nfolder')
  })
})
