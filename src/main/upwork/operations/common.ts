import { text as userText } from '@shared/i18n'
import { z } from 'zod'
import type { Logger } from '../../logging/logger'
import { UpworkError } from '../errors'
import type { GraphQLResponse, OperationKind } from '../graphql-client'
import { graphQLErrorsToUpworkError } from '../graphql-client'
import type { UpworkReader } from '../read-only-client'
import { cleanShortText } from '../sanitize'
import type { Money } from '../types'

/** A named GraphQL document GigPilot sends; every one is validated against Upwork's schema in a test. */
export interface OperationDocument {
  name: string
  kind: OperationKind
  document: string
}

export function defineOperation(kind: OperationKind, name: string, document: string): OperationDocument {
  return { kind, name, document }
}

/**
 * What every read operation takes: a read-only client (see read-only-client.ts). Operations that
 * write live in `operations/writes/` and take a WriteContext, which only the outbox is given.
 */
export interface OperationContext {
  client: UpworkReader
  logger: Logger
}

/** Sends one read. A write document never gets here (the reader refuses it). */
export async function run(
  ctx: OperationContext,
  op: OperationDocument,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal
): Promise<GraphQLResponse> {
  return ctx.client.query(op.document, variables, { operationName: op.name, signal })
}

/**
 * The value of one root field. Missing or null with errors → the classified GraphQL error
 * (scope/graphql, keeping partial data); missing without errors → malformed.
 */
export function rootField(res: GraphQLResponse, field: string): unknown {
  const value = res.data?.[field]
  if (value === null || value === undefined) {
    if (res.errors.length > 0) throw graphQLErrorsToUpworkError(res.errors, res.data)
    if (value === undefined) {
      throw new UpworkError('malformed', userText('upwork.err.replyMissing', { field }))
    }
  }
  return value
}

/** Parses a whole value; a mismatch is a malformed reply (for single records, not lists). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw new UpworkError('malformed', userText('upwork.err.replyShape', { what }))
  }
  return parsed.data
}

/**
 * Validates each record on its own: bad records are skipped, counted and logged (with the path of
 * the problem, never the content), good ones kept. One odd job must not hide the other nine.
 *
 * With `required` (the top-level keys a record is useless without), a record whose only problems
 * are in OTHER top-level fields is repaired instead: those fields become null (the schemas make
 * every non-required field nullable) and the record is kept. A drifted budget or client block
 * then costs that detail, not the whole job.
 */
export function parseEach<S extends z.ZodType, T>(
  items: readonly unknown[],
  schema: S,
  map: (item: z.infer<S>) => T,
  log: { logger: Logger; operation: string; required?: readonly string[] }
): { items: T[]; skipped: number; repaired: number } {
  const out: T[] = []
  let skipped = 0
  let repaired = 0
  items.forEach((item, index) => {
    let parsed = schema.safeParse(item)
    if (!parsed.success && log.required && item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const badKeys = new Set(parsed.error.issues.map((i) => i.path[0]))
      const repairable = [...badKeys].every((k) => typeof k === 'string' && !log.required!.includes(k))
      if (repairable) {
        const patched: Record<string, unknown> = { ...(item as Record<string, unknown>) }
        for (const k of badKeys) patched[k as string] = null
        const second = schema.safeParse(patched)
        if (second.success) {
          repaired++
          log.logger.warn('Dropped unreadable fields from an Upwork record', {
            operation: log.operation,
            index,
            fields: [...badKeys].map(String)
          })
          parsed = second
        }
      }
    }
    if (!parsed.success) {
      skipped++
      log.logger.warn('Skipped an Upwork record that did not match the expected shape', {
        operation: log.operation,
        index,
        issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.code}`)
      })
      return
    }
    out.push(map(parsed.data))
  })
  return { items: out, skipped, repaired }
}

/**
 * A GraphQL connection's outer shape; edges are parsed one by one with parseEach. The counters
 * around the edges are read leniently (a drifted type becomes null or is coerced) so one odd
 * `totalCount` cannot throw away a page of good records; only `edges` must really be a list.
 */
const lenientCount = z.unknown().transform((v): number | null => {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v
  if (typeof v === 'string' && /^\d{1,15}$/.test(v)) return Number(v)
  return null
})
const lenientBool = z.unknown().transform((v): boolean | null => (v === true || v === 'true' ? true : v === false || v === 'false' ? false : null))
const lenientCursor = z.unknown().transform((v): string | null => (typeof v === 'string' ? v : null))

export const connectionSchema = z.object({
  totalCount: lenientCount,
  edges: z.array(z.unknown()).nullish(),
  pageInfo: z
    .unknown()
    .transform((v) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {}))
    .pipe(z.object({ endCursor: lenientCursor, hasNextPage: lenientBool }))
})

export const MONEY_FIELDS = 'rawValue currency displayValue'

export const moneySchema = z.object({
  rawValue: z.string(),
  currency: z.string(),
  displayValue: z.string()
})

export function toMoney(m: z.infer<typeof moneySchema> | null | undefined): Money | null {
  if (!m) return null
  const amount = Number.parseFloat(m.rawValue)
  return {
    amount: Number.isFinite(amount) ? amount : null,
    currency: cleanShortText(m.currency, 10),
    display: cleanShortText(m.displayValue, 50)
  }
}

/** Nullable text from Upwork, cleaned. */
export function text(value: string | null | undefined, max = 1_000): string | null {
  return value == null ? null : cleanShortText(value, max)
}

export const nullableString = z.string().nullish()
export const nullableInt = z.number().int().nullish()
export const nullableNumber = z.number().nullish()
export const nullableBool = z.boolean().nullish()
