import { describe, expect, it } from 'vitest'
import { createShellModule } from './module'

/** shell:openExternal opens exactly the URL it checked, never the string it was given. */
function shell() {
  const opened: string[] = []
  const m = createShellModule({ openExternal: async (url) => void opened.push(url) })
  return { open: (url: string) => m.handlers['shell:openExternal']({ url }), opened }
}

describe('shell:openExternal', () => {
  it.each([
    ['https://WWW.UPWORK.COM/jobs/~01abc', 'https://www.upwork.com/jobs/~01abc'],
    ['https://www.upwork.com:443/jobs/~01abc', 'https://www.upwork.com/jobs/~01abc'],
    ['https://www%2eupwork.com/jobs', 'https://www.upwork.com/jobs'],
    ['https://www.upwork.com/a/%2e%2e/jobs', 'https://www.upwork.com/jobs']
  ])('opens the parsed URL for %s', async (raw, href) => {
    const s = shell()
    await expect(s.open(raw)).resolves.toEqual({ opened: true })
    expect(s.opened).toEqual([href])
  })

  it.each([
    'https://www.upwork.com\\@evil.com/',
    'https://www.upwork.com\\evil.com',
    'https://user@www.upwork.com/',
    'https://www.upwork.com@evil.com/',
    'https://www.upwork.com\t@evil.com/',
    'https://www.upwork.com\n@evil.com/',
    'https://evil.com%2f@www.upwork.com/',
    'https://www.upw\u043erk.com/',
    'javascript:alert(1)',
    'http://www.upwork.com/'
  ])('refuses %j and opens nothing', async (raw) => {
    const s = shell()
    await expect(s.open(raw)).rejects.toMatchObject({ code: 'forbidden_url' })
    expect(s.opened).toEqual([])
  })
})
