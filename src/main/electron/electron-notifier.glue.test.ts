import { beforeEach, describe, expect, it, vi } from 'vitest'

/** Only `electron` is replaced: Notification records what GigPilot hands the OS. */
type Shown = { title: string; body: string; silent: boolean }
let shown: Shown[] = []
vi.mock('electron', () => ({
  Notification: class {
    static isSupported(): boolean {
      return true
    }
    constructor(readonly options: Shown) {}
    on(): void {}
    show(): void {
      shown.push(this.options)
    }
  }
}))

const { BODY_MAX, ElectronNotifier, TITLE_MAX } = await import('./electron-notifier')

beforeEach(() => {
  shown = []
})

// A client's message, as a notification preview: markup a Linux notification server would render.
const HOSTILE = 'Pay here <a href="https://evil.example/pay">upwork.com/pay</a> & <img src="file:///etc/passwd"> <b>now</b>'

describe('ElectronNotifier: untrusted text reaches the OS as text', () => {
  it('on Linux the body is escaped (freedesktop body-markup): no link, image or bold the server could render', () => {
    new ElectronNotifier('linux').notify({ title: 'New message from Maya', body: HOSTILE })
    expect(shown).toHaveLength(1)
    expect(shown[0]!.body).toBe(
      'Pay here &lt;a href=&quot;https://evil.example/pay&quot;&gt;upwork.com/pay&lt;/a&gt; &amp; &lt;img src=&quot;file:///etc/passwd&quot;&gt; &lt;b&gt;now&lt;/b&gt;'
    )
    expect(shown[0]!.body).not.toMatch(/[<>"']/)
  })

  it('elsewhere the body is given as it is (Windows and macOS show text)', () => {
    new ElectronNotifier('win32').notify({ title: 'T', body: HOSTILE })
    new ElectronNotifier('darwin').notify({ title: 'T', body: HOSTILE })
    expect(shown.map((s) => s.body)).toEqual([HOSTILE, HOSTILE])
  })

  it('a long name makes a one-line title of at most TITLE_MAX characters, a long body at most BODY_MAX (cut before escaping)', () => {
    const name = `Maya\nLtd ${'x'.repeat(400)}`
    new ElectronNotifier('linux').notify({ title: `New message from ${name}`, body: `${'&'.repeat(BODY_MAX - 2)}&&&&`, silent: true })
    const [n] = shown
    expect(n!.title).toHaveLength(TITLE_MAX)
    expect(n!.title).toMatch(/^New message from Maya Ltd x+…$/)
    // Cut to BODY_MAX characters first, then each & became one whole entity.
    expect(n!.body).toBe(`${'&amp;'.repeat(BODY_MAX - 1)}…`)
    expect(n!.silent).toBe(true)
  })
})
