import { translator } from '@shared/i18n'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DatabaseCorruptError, DatabaseFromNewerVersionError } from '../db/errors'

/** Only `electron` is replaced: the dialog answers with a scripted button, the clipboard records. */
const answers: number[] = []
const shown: Array<{ buttons: string[]; message: string; title: string; detail?: string }> = []
const writeText = vi.fn()
vi.mock('electron', () => ({
  clipboard: { writeText },
  dialog: {
    showMessageBox: async (o: { buttons: string[]; message: string; title: string }) => {
      shown.push(o)
      return { response: answers.shift() ?? 0 }
    }
  }
}))

const { showStartupError, startupErrorMessage } = await import('./startup-error')
const en = translator('en')
const uk = translator('uk')

beforeEach(() => {
  shown.length = 0
  writeText.mockClear()
})

describe('showStartupError', () => {
  it('offers restore first for a damaged database and reports it', async () => {
    const restore = vi.fn(async () => 'Restored from b.db')
    answers.push(0, 0)
    expect(await showStartupError({ message: 'damaged', detail: 'd', restore, t: en })).toBe('restored')
    expect(shown[0]!.buttons).toEqual(['Restore the newest backup', 'Copy error and quit', 'Quit'])
    expect(shown[0]!.title).toBe('GigPilot could not start')
    expect(restore).toHaveBeenCalledOnce()
    expect(shown[1]).toMatchObject({ title: 'Backup restored', detail: 'Restored from b.db', buttons: ['OK'] })
  })

  it('says so and quits when the restore fails', async () => {
    answers.push(0, 0)
    const outcome = await showStartupError({ message: 'damaged', detail: 'd', restore: async () => Promise.reject(new Error('no backup')), t: en })
    expect(outcome).toBe('quit')
    expect(shown[1]!.message).toBe('GigPilot could not restore the backup.')
  })

  it('copies the error by default when there is nothing to restore', async () => {
    answers.push(0)
    expect(await showStartupError({ message: 'newer version', detail: 'folder', t: en })).toBe('quit')
    expect(shown[0]!.buttons).toEqual(['Copy error and quit', 'Quit'])
    expect(writeText).toHaveBeenCalledWith('newer version\n\nfolder')
  })

  it('quits without copying on Quit', async () => {
    answers.push(1)
    expect(await showStartupError({ message: 'm', detail: 'd', t: en })).toBe('quit')
    expect(writeText).not.toHaveBeenCalled()
  })

  it('speaks Ukrainian when the language is uk: title, buttons, restore result', async () => {
    answers.push(0, 0)
    const restore = async (): Promise<string> => uk('startup.restored.detail', { backup: 'b.db', damaged: 'a.damaged' })
    expect(await showStartupError({ message: startupErrorMessage(new DatabaseCorruptError('/x/gigpilot.db', ['bad page']), uk), detail: 'd', restore, t: uk })).toBe('restored')
    expect(shown[0]!.title).toBe('GigPilot не може запуститися')
    expect(shown[0]!.buttons).toEqual(['Відновити найновішу резервну копію', 'Скопіювати помилку й вийти', 'Вийти'])
    expect(shown[0]!.message).toMatch(/^Файл бази даних GigPilot пошкоджено/)
    expect(shown[1]).toMatchObject({ title: 'Резервну копію відновлено', detail: 'Відновлено з b.db. Пошкоджений файл збережено як a.damaged.', buttons: ['Гаразд'] })
  })
})

describe('startupErrorMessage', () => {
  it("translates the database layer's errors with their details", () => {
    const e = new DatabaseFromNewerVersionError('20270101_x', '0.3.0')
    expect(startupErrorMessage(e, en)).toContain('newer version of GigPilot (migration 20270101_x)')
    expect(startupErrorMessage(e, uk)).toBe('Цю базу даних записала новіша версія GigPilot (міграція 20270101_x). Установіть новішу версію; ваші дані не змінено.')
  })

  it('keeps any other error as it is', () => {
    expect(startupErrorMessage(new Error('disk full'), uk)).toBe('disk full')
    expect(startupErrorMessage('plain', uk)).toBe('plain')
  })
})
