import { z } from 'zod'
import { defineOperation, parseOrThrow, rootField, run, type OperationContext } from './common'

/**
 * The names of the mutations this key's schema exposes (introspection depends on the key's
 * scopes). Used to tell whether proposal submission (`createJobProposal`) exists for this key.
 */
export const LIST_MUTATION_NAMES = defineOperation(
  'query',
  'ListMutationNames',
  `query ListMutationNames {
  __type(name: "Mutation") { fields { name } }
}`
)

const typeSchema = z.object({ fields: z.array(z.object({ name: z.string() })).nullish() })

export async function listMutationNames(ctx: OperationContext): Promise<string[]> {
  const res = await run(ctx, LIST_MUTATION_NAMES)
  const type = parseOrThrow(typeSchema, rootField(res, '__type'), 'the API description')
  return (type.fields ?? []).map((f) => f.name)
}
