import type { z } from 'zod'

export const UNKNOWN_FIELD_MESSAGE = 'GigPilot has no such setting.'

/**
 * The first message of each rejected field, by dotted path ('' for the input as a whole). Schemas
 * write their messages in plain words, so these can be shown at the field; an unknown key is
 * reported at the key itself.
 */
export function issuesByField(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path]
    for (const path of paths) {
      out[path.map(String).join('.')] ??= issue.code === 'unrecognized_keys' ? UNKNOWN_FIELD_MESSAGE : issue.message
    }
  }
  return out
}
