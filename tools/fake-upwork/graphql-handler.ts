/**
 * Runs one GraphQL request with graphql-js against our subset schema, shaping every failure the
 * way Upwork does (upwork-api.md §3): HTTP 200 with an `errors` array whose items carry
 * `extensions.classification` (InvalidSyntax, ValidationError, ExecutionAborted,
 * DataFetchingException). parse/validate/execute are called separately (graphql() would do the
 * same) so the scope check can sit between validation and execution.
 */
import {
  buildSchema,
  type DocumentNode,
  execute,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  parse,
  validate
} from 'graphql'
import { type GqlContext, rootValue } from './resolvers'
import { proposalSubmitTypeDefs, typeDefs } from './schema'
import { missingScopeFields, scopeErrorBody } from './scopes'
import type { Scope } from './types'

export const schema = buildSchema(typeDefs)
/** The same schema plus the opt-in `createJobProposal` (schema.ts): what a key granted "Submit Proposal" sees. */
export const schemaWithProposalSubmit = buildSchema(typeDefs + proposalSubmitTypeDefs)

export interface GraphqlBody {
  query?: unknown
  variables?: unknown
  operationName?: unknown
}

export interface GraphqlRun {
  payload: Record<string, unknown>
  /** The operation that was (or would have been) executed, when the document got that far. */
  operation?: OperationDefinitionNode
}

function errorJson(error: GraphQLError, classification: string): Record<string, unknown> {
  const json = error.toJSON()
  const extensions = json.extensions ?? {}
  return { ...json, extensions: { ...extensions, classification: extensions.classification ?? classification } }
}

function validationFailure(message: string): GraphqlRun {
  return { payload: { errors: [errorJson(new GraphQLError(message), 'ValidationError')] } }
}

/** Best-effort operation name for the request log and `faults.next({operation})`. */
export function operationNameOf(body: GraphqlBody): string | undefined {
  if (typeof body.operationName === 'string' && body.operationName) return body.operationName
  if (typeof body.query !== 'string') return undefined
  try {
    return getOperationAST(parse(body.query), undefined)?.name?.value
  } catch {
    return undefined
  }
}

export async function runGraphql(
  body: GraphqlBody,
  ctx: GqlContext,
  granted: ReadonlySet<Scope>,
  served: GraphQLSchema = schema
): Promise<GraphqlRun> {
  if (typeof body.query !== 'string' || body.query.trim() === '') return validationFailure('Missing query')
  if (body.variables != null && (typeof body.variables !== 'object' || Array.isArray(body.variables))) {
    return validationFailure('variables must be a JSON object')
  }
  const operationName = typeof body.operationName === 'string' && body.operationName ? body.operationName : undefined

  let document: DocumentNode
  try {
    document = parse(body.query)
  } catch (error) {
    if (error instanceof GraphQLError) return { payload: { errors: [errorJson(error, 'InvalidSyntax')] } }
    throw error
  }
  const validationErrors = validate(served, document)
  if (validationErrors.length > 0) return { payload: { errors: validationErrors.map((e) => errorJson(e, 'ValidationError')) } }

  const operation = getOperationAST(document, operationName)
  if (!operation) {
    return validationFailure(operationName ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.')
  }
  const denied = missingScopeFields(served, document, operation, granted)
  if (denied.length > 0) return { payload: scopeErrorBody(operation, denied), operation }

  const result = await execute({
    schema: served,
    document,
    rootValue,
    contextValue: ctx,
    variableValues: (body.variables as Record<string, unknown> | null | undefined) ?? undefined,
    operationName
  })
  const payload: Record<string, unknown> = {}
  if ('data' in result) payload.data = result.data
  if (result.errors?.length) {
    // Errors without a path come from variable coercion, i.e. before any field ran.
    payload.errors = result.errors.map((e) => errorJson(e, e.path ? 'DataFetchingException' : 'ValidationError'))
  }
  return { payload, operation }
}
