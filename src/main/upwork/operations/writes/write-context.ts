import type { Logger } from '../../../logging/logger'
import type { GraphQLClient, GraphQLResponse } from '../../graphql-client'
import type { OperationDocument } from '../common'

/**
 * What a write operation takes: the write-capable client. The composition root gives it to the
 * outbox and nobody else; eslint refuses an import of `operations/writes` outside `src/main/outbox/`.
 */
export interface WriteContext {
  client: Pick<GraphQLClient, 'mutate'>
  logger: Logger
}

/** Sends one write, exactly once (the client never retries a mutation). */
export function runWrite(ctx: WriteContext, op: OperationDocument, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  if (op.kind !== 'mutation') throw new Error(`${op.name} is not a write`)
  return ctx.client.mutate(op.document, variables, { operationName: op.name })
}
