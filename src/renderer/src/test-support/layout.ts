import { afterEach, beforeEach } from 'vitest'

/**
 * happy-dom does no layout: for every test of the file that calls this, the scroll box marked
 * `data-testid={testId}` gets a height (so a virtualized list has a window) and a content height —
 * what the virtualizer's inner box says all the rows take. Every other element stays 0 tall.
 */
export function giveScrollBoxHeight(testId: string, height = 600): void {
  const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')
  beforeEach(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.dataset.testid === testId ? height : 0
      }
    })
    Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.dataset.testid === testId ? parseFloat((this.firstElementChild as HTMLElement | null)?.style.height ?? '0') || 0 : 0
      }
    })
  })
  afterEach(() => {
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight
    delete (HTMLElement.prototype as { scrollHeight?: number }).scrollHeight
    if (clientHeight) Object.defineProperty(Element.prototype, 'clientHeight', clientHeight)
  })
}
