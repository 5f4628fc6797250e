import { describe, expect, it } from 'vitest'
import { compileKeywords, findKeywords, findSuspiciousWording } from './red-flags'

describe('findSuspiciousWording', () => {
  it.each([
    ['We prefer to pay outside Upwork to save fees', 'offPlatform'],
    ['Payment via PayPal directly after delivery', 'offPlatform'],
    ['Please contact me on Telegram for details', 'messagingApp'],
    ['Text me via WhatsApp', 'messagingApp'],
    ['Reach out to me on Skype', 'messagingApp'],
    ['Telegram: @bigclient', 'messagingApp'],
    ['Join here: t.me/somechannel', 'messagingApp'],
    ['There is a small unpaid test task first', 'unpaidTest'],
    ['The test task is unpaid.', 'unpaidTest'],
    ['Write to boss@example.com', 'contactDetails'],
    ['Call +1 415 555 0100 now', 'contactDetails'],
    ['Send me your email and phone', 'contactDetails'],
    ['You will be paid in USDT weekly', 'cryptoPayment'],
    ['Payment with bitcoin only', 'cryptoPayment'],
    ['You need to pay a registration fee of $20', 'upfrontFee']
  ])('flags %j as %s', (text, kind) => {
    expect(findSuspiciousWording(text)).toContain(kind)
  })

  it.each([
    'Build a Telegram bot for our community',
    'Our app integrates the WhatsApp Business API',
    'Develop a crypto wallet app in React Native',
    'Our SaaS offers a free trial; integrate Stripe',
    'Write unit tests for the payment module',
    'C++ and C# developer, budget $10000 - 20000',
    'Ethereum smart contract audit',
    'We will pay you weekly through Upwork',
    'Please give feedback on the design, and send me a sample of similar work'
  ])('does not flag ordinary wording: %j', (text) => {
    expect(findSuspiciousWording(text)).toEqual([])
  })

  it('reports every kind present, once, in a fixed order', () => {
    expect(findSuspiciousWording('Message me on WhatsApp. Unpaid test task. Pay outside upwork. Unpaid trial again.')).toEqual([
      'offPlatform',
      'messagingApp',
      'unpaidTest'
    ])
  })

  it('ignores case and markup around the words', () => {
    expect(findSuspiciousWording('<b>CONTACT ME ON TELEGRAM</b>')).toEqual(['messagingApp'])
  })

  it('stays fast on hostile text (no pattern backtracks for long)', () => {
    const hostile = ['@'.repeat(200_000), 'a'.repeat(200_000) + '@', '+1 '.repeat(70_000), 'telegram '.repeat(20_000), `${'x.'.repeat(50_000)}@`]
    for (const text of hostile) {
      const start = performance.now()
      findSuspiciousWording(text)
      expect(performance.now() - start).toBeLessThan(500)
    }
  })
})

describe('negative keywords', () => {
  it('matches whole words without case and skips blanks and duplicates', () => {
    const keywords = compileKeywords(['  WordPress ', 'wordpress', '', 'c++', 'cold   calling'])
    expect(keywords).toEqual(['wordpress', 'c++', 'cold calling'])
    const into = new Set<string>()
    findKeywords(keywords, 'need a c++ dev for cold calling, not wordpressy', into)
    expect([...into]).toEqual(['c++', 'cold calling'])
  })
})
