import type { GraphQLClient, GraphQLResponse, RequestOptions } from './graphql-client'
import { refuseWrite } from './graphql-client'

/**
 * The Upwork client every reading domain gets (account, capabilities, discovery, message sync).
 * It cannot write, at compile time and at run time:
 * - it has no `mutate`, and `request` takes no `kind`;
 * - `query` and `request` refuse any document that contains a mutation before it is sent;
 * - the write-capable GraphQLClient it wraps sits in a `#private` field, so it cannot be reached
 *   by a cast or by reflection either.
 * Only the composition root holds the write-capable client, and it hands it to `outbox/` alone.
 */
export class ReadOnlyUpworkClient {
  readonly #client: GraphQLClient

  constructor(client: GraphQLClient) {
    this.#client = client
  }

  /** HTTP requests sent so far through the shared client (reads and writes), for diagnostics. */
  get requestCount(): number {
    return this.#client.requestCount
  }

  async query<T = Record<string, unknown>>(
    document: string,
    variables: Record<string, unknown> = {},
    options: Omit<RequestOptions, 'kind'> = {}
  ): Promise<GraphQLResponse<T>> {
    refuseWrite(document, options.operationName)
    return this.#client.query<T>(document, variables, options)
  }

  /** Same as `query` (kept for callers written against the generic name); never a write. */
  request<T = Record<string, unknown>>(
    document: string,
    variables: Record<string, unknown> = {},
    options: Omit<RequestOptions, 'kind'> & { kind?: 'query' } = {}
  ): Promise<GraphQLResponse<T>> {
    const { kind: _kind, ...rest } = options
    return this.query<T>(document, variables, rest)
  }
}

/** What the read operations in operations/*.ts need from a client. */
export type UpworkReader = Pick<ReadOnlyUpworkClient, 'query' | 'requestCount'>
