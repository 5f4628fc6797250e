import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { LinkedText, splitLinks } from './LinkedText'

const label = (url: string): string => `Open link ${url}`

describe('splitLinks', () => {
  it('finds http(s) and www links, leaving the sentence punctuation and other schemes as text', () => {
    expect(splitLinks('See https://github.com/me/repo. Or www.example.com, or (https://x.dev/a_(b)).')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://github.com/me/repo', url: 'https://github.com/me/repo' },
      { kind: 'text', text: '. Or ' },
      { kind: 'link', text: 'www.example.com', url: 'https://www.example.com' },
      { kind: 'text', text: ', or (' },
      { kind: 'link', text: 'https://x.dev/a_(b)', url: 'https://x.dev/a_(b)' },
      { kind: 'text', text: ').' }
    ])
    expect(splitLinks('click javascript:alert(1) or data:text/html,<b>x</b>')).toEqual([{ kind: 'text', text: 'click javascript:alert(1) or data:text/html,<b>x</b>' }])
    expect(splitLinks('just https:// nothing')).toEqual([{ kind: 'text', text: 'just https:// nothing' }])
  })
})

describe('LinkedText', () => {
  it('shows a link as a button that asks to open it only when clicked, never an <a href>', async () => {
    const open = vi.fn()
    const { container } = render(
      <p>
        <LinkedText text={'Portfolio: https://www.upwork.com/freelancers/~01abc <img src=x onerror="window.hacked=1"> javascript:alert(1)'} onOpenLink={open} linkLabel={label} />
      </p>
    )
    expect(container.querySelector('a, img')).toBeNull()
    expect(container.textContent).toContain('<img src=x onerror="window.hacked=1"> javascript:alert(1)')
    const link = screen.getByRole('button', { name: 'Open link https://www.upwork.com/freelancers/~01abc' })
    expect(link).toHaveTextContent('https://www.upwork.com/freelancers/~01abc')
    expect(screen.getAllByRole('button')).toHaveLength(1)
    expect(open).not.toHaveBeenCalled()
    await userEvent.click(link)
    expect(open).toHaveBeenCalledExactlyOnceWith('https://www.upwork.com/freelancers/~01abc')
  })
})
