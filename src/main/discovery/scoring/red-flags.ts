import { en } from '@shared/i18n'
/**
 * Wording in a job post that often means trouble for a freelancer: moving payment or the chat off
 * Upwork (against Upwork's terms, and how most scams start), unpaid "test tasks", asking for
 * contact details, payment in crypto, or an upfront fee. A flag is a hint for the user, shown with
 * its reason; it never hides a job.
 *
 * Patterns look for the *request* ("message me on Telegram", "pay outside Upwork"), not the bare
 * word: "Build a Telegram bot" or "crypto wallet app" are ordinary jobs. Every quantifier is
 * bounded and patterns only run on a short window around a trigger word, so a hostile 1 MB
 * description cannot make them backtrack for long (and the scorer scans at most `MAX_SCAN_CHARS`).
 */

import { WordScanner } from './word-scanner'

export type SuspiciousKind = 'offPlatform' | 'messagingApp' | 'unpaidTest' | 'contactDetails' | 'cryptoPayment' | 'upfrontFee'

export const SUSPICIOUS_LABELS: Readonly<Record<SuspiciousKind, string>> = {
  offPlatform: en['scoreSuspicious.offPlatform'],
  messagingApp: en['scoreSuspicious.messagingApp'],
  unpaidTest: en['scoreSuspicious.unpaidTest'],
  contactDetails: en['scoreSuspicious.contactDetails'],
  cryptoPayment: en['scoreSuspicious.cryptoPayment'],
  upfrontFee: en['scoreSuspicious.upfrontFee']
}

const APPS = '(?:telegram|whats\\s?app|wechat|signal|viber|discord|skype)'
/** Apps whose name followed by ":" or "@" is a handle; not "signal:" or "discord:", ordinary words in tech posts. */
const HANDLE_APPS = '(?:telegram|whats\\s?app|wechat|viber|skype)'
const SP = '[\\s,.:-]{1,4}'

const PATTERNS: Readonly<Record<SuspiciousKind, string>> = {
  offPlatform: [
    `(?:outside|off)${SP}(?:of${SP})?upwork`,
    `off${SP}?platform`,
    `(?:bypass|avoid|skip)(?:ing)?${SP}upwork`,
    `(?:paypal|zelle|venmo|wise|cash\\s?app|western\\s?union|bank\\s?transfer)${SP}(?:directly|instead)`,
    `pay(?:ment)?${SP}(?:you${SP})?directly`
  ].join('|'),
  messagingApp: [
    `(?:contact|message|text|reach|add|ping|dm|write|chat|talk|call|find|join)${SP}(?:out${SP}to${SP})?(?:me|us)?${SP}?(?:on|via|through|at|over|in)${SP}${APPS}`,
    `(?:my|our)${SP}${APPS}${SP}(?:is|id|number|handle|account|username)`,
    `${HANDLE_APPS}${SP}?(?:id|number|handle)?${SP}?[:@+]`,
    't\\.me/',
    'wa\\.me/'
  ].join('|'),
  unpaidTest: [
    `(?:unpaid|non${SP}?paid)${SP}(?:test|trial|sample|task|assignment|work)`,
    `free${SP}(?:test|sample${SP}(?:work|task|article|design|video))`,
    `test${SP}(?:task|project|assignment)${SP}(?:is${SP}|will${SP}be${SP})?(?:unpaid|free|not${SP}paid)`,
    `(?:without|no)${SP}(?:pay|payment|compensation)${SP}for${SP}(?:the${SP})?(?:test|trial|sample)`
  ].join('|'),
  contactDetails: [
    '[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63}){0,4}\\.[a-z]{2,12}',
    '\\+\\d{1,3}[\\s.-]?\\(?\\d{1,4}\\)?(?:[\\s.-]?\\d){6,12}',
    `(?:send|share|give|include|leave)${SP}(?:me${SP}|us${SP})?your${SP}(?:personal${SP})?(?:email|e-mail|phone|mobile|number|contact|whats\\s?app|telegram|skype)`,
    `(?:email|e-mail|phone|contact${SP}details?)${SP}(?:in|with)${SP}(?:your${SP})?(?:proposal|cover${SP}letter|application)`
  ].join('|'),
  cryptoPayment: [
    `(?:pay|paid|payment|compensat\\w{0,6})${SP}(?:you${SP})?(?:in|with|via|by|through)${SP}(?:crypto\\w{0,8}|bitcoin|btc|usdt|ethereum|tether|binance)`,
  ].join('|'),
  upfrontFee: [
    `(?:pay|deposit)${SP}(?:a${SP}|the${SP})?(?:small${SP})?(?:registration|training|onboarding|application|membership|starter|setup|security)${SP}(?:fee|deposit|kit)`,
    `(?:registration|training|onboarding|application)${SP}fee`
  ].join('|')
}

const KINDS = Object.keys(PATTERNS) as SuspiciousKind[]

/** Each kind's pattern on its own, for lower-cased text (no `i` flag: lower-casing once is cheaper). */
const KIND_PATTERNS: Readonly<Record<SuspiciousKind, RegExp>> = Object.fromEntries(
  KINDS.map((k) => [k, new RegExp(`(?<![a-z0-9])(?:${PATTERNS[k]})`)])
) as Record<SuspiciousKind, RegExp>

/**
 * Every pattern contains one of these whole words (or "@" / "+", searched with `indexOf`); only
 * the text around an occurrence is checked against the patterns of that word's kinds. Finding the
 * words is one `WordScanner` pass, shared with the user's negative keywords (see score.ts).
 */
const TRIGGERS: ReadonlyArray<readonly [string, readonly SuspiciousKind[]]> = [
  ['upwork', ['offPlatform']],
  ['platform', ['offPlatform']],
  ['directly', ['offPlatform']],
  ['instead', ['offPlatform']],
  ['telegram', ['messagingApp', 'contactDetails']],
  ['whatsapp', ['messagingApp', 'contactDetails']],
  ['whats', ['messagingApp', 'contactDetails']],
  ['wechat', ['messagingApp']],
  ['signal', ['messagingApp']],
  ['viber', ['messagingApp', 'contactDetails']],
  ['discord', ['messagingApp']],
  ['skype', ['messagingApp', 'contactDetails']],
  // "t.me/…" and "wa.me/…" links: the word "me" right after a dot.
  ['me', ['messagingApp']],
  ['unpaid', ['unpaidTest']],
  ['paid', ['unpaidTest', 'cryptoPayment']],
  ['free', ['unpaidTest']],
  ['test', ['unpaidTest']],
  ['trial', ['unpaidTest']],
  ['sample', ['unpaidTest']],
  ['email', ['contactDetails']],
  ['mail', ['contactDetails']],
  ['phone', ['contactDetails']],
  ['mobile', ['contactDetails']],
  ['number', ['contactDetails']],
  ['contact', ['contactDetails']],
  ['crypto', ['cryptoPayment']],
  ['cryptocurrency', ['cryptoPayment']],
  ['cryptocurrencies', ['cryptoPayment']],
  ['bitcoin', ['cryptoPayment']],
  ['btc', ['cryptoPayment']],
  ['usdt', ['cryptoPayment']],
  ['ethereum', ['cryptoPayment']],
  ['tether', ['cryptoPayment']],
  ['binance', ['cryptoPayment']],
  ['fee', ['upfrontFee']],
  ['fees', ['upfrontFee']],
  ['deposit', ['upfrontFee']]
]

/** The trigger words, in order: a `WordScanner` built from a list starting with these reports them by index. */
export const SUSPICIOUS_TRIGGER_WORDS: readonly string[] = TRIGGERS.map(([word]) => word)
const ME = SUSPICIOUS_TRIGGER_WORDS.indexOf('me')

const TAG = /<\/?[a-z][^<>]{0,200}>/g

/** Characters either side of a trigger that a pattern may span. */
const WINDOW = 100
/** Occurrences of "@" or "+" checked per text ("@@@@…" in a hostile post costs no more than this). */
const MAX_CHAR_HITS = 32
/** Trigger words checked per text ("telegram telegram …" costs no more than this many windows). */
export const MAX_TRIGGER_HITS = 256

function checkWindow(text: string, start: number, end: number, kinds: readonly SuspiciousKind[], found: Set<SuspiciousKind>): void {
  let window: string | null = null
  for (const k of kinds) {
    if (found.has(k)) continue
    // Tags in between ("message me on <b>Telegram</b>") must not hide the phrase.
    window ??= text.slice(Math.max(0, start - WINDOW), end + WINDOW).toLowerCase().replace(TAG, ' ')
    if (KIND_PATTERNS[k].test(window)) found.add(k)
  }
}

/** For a scanner hit on trigger `id` (an index into SUSPICIOUS_TRIGGER_WORDS): checks the text (any case) around it. */
export function checkTrigger(text: string, id: number, start: number, end: number, found: Set<SuspiciousKind>): void {
  if (id === ME && text.charCodeAt(start - 1) !== 46) return
  checkWindow(text, start, end, TRIGGERS[id]![1], found)
}

const CONTACT: readonly SuspiciousKind[] = ['contactDetails']

/** The "@" (e-mail, handle) and "+" (phone number) triggers. */
export function checkCharTriggers(text: string, found: Set<SuspiciousKind>): void {
  for (const ch of ['@', '+']) {
    let at = text.indexOf(ch)
    for (let hits = 0; at !== -1 && hits < MAX_CHAR_HITS && !found.has('contactDetails'); hits++) {
      checkWindow(text, at, at + 1, CONTACT, found)
      at = text.indexOf(ch, at + 1)
    }
  }
}

let triggerScanner: WordScanner | null = null

/** The kinds of suspicious wording in `text` (any case), in a fixed order; [] when none. */
export function findSuspiciousWording(text: string): SuspiciousKind[] {
  const found = new Set<SuspiciousKind>()
  if (!text) return []
  triggerScanner ??= new WordScanner(SUSPICIOUS_TRIGGER_WORDS)
  let hits = 0
  triggerScanner.scan(text, (id, start, end) => {
    checkTrigger(text, id, start, end, found)
    return ++hits >= MAX_TRIGGER_HITS
  })
  checkCharTriggers(text, found)
  return orderKinds(found)
}

export function orderKinds(found: ReadonlySet<SuspiciousKind>): SuspiciousKind[] {
  return found.size === 0 ? [] : KINDS.filter((k) => found.has(k))
}

/**
 * The user's negative keywords (or any word list) prepared for matching: lower case, trimmed,
 * inner spaces collapsed, duplicates dropped. Matched as whole words ("java" does not match
 * "javascript").
 */
export function compileKeywords(keywords: readonly string[]): readonly string[] {
  return [...new Set(keywords.map((k) => k.trim().toLowerCase().replace(/\s+/g, ' ')).filter((k) => k.length > 0))]
}

const WORD_CHAR = /[\p{L}\p{N}]/u

function isWordChar(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false
  const c = text.charCodeAt(index)
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
  return WORD_CHAR.test(text[index]!)
}

/**
 * Adds to `into` each keyword found as a whole word in `lower` (already lower-cased), with
 * `indexOf`: for keywords a `WordScanner` cannot hold ("c++", ".net", "ux/ui"), and short lists.
 */
export function findKeywords(keywords: readonly string[], lower: string, into: Set<string>): void {
  if (keywords.length === 0 || !lower) return
  for (const k of keywords) {
    if (into.has(k)) continue
    let at = lower.indexOf(k)
    for (let hits = 0; at !== -1 && hits < MAX_CHAR_HITS; hits++) {
      if (!isWordChar(lower, at - 1) && !isWordChar(lower, at + k.length)) {
        into.add(k)
        break
      }
      at = lower.indexOf(k, at + 1)
    }
  }
}
