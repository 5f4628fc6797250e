/**
 * The small part of oidc-provider's API the OAuth interop test uses (the package ships no types).
 * Test-only: oidc-provider is a dev dependency and never imported by app code.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  interface GrantInstance {
    addOIDCScope(scope: string): void
    addResourceScope(resource: string, scope: string): void
    save(): Promise<string>
    destroy(): Promise<void>
  }

  interface InteractionDetails {
    uid: string
    prompt: { name: string; details: Record<string, unknown> }
    params: Record<string, unknown> & { client_id?: string }
    session?: { accountId?: string }
    grantId?: string
  }

  interface StoredToken {
    grantId?: string
    consume(): Promise<void>
    destroy(): Promise<void>
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>)
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean }
    ): Promise<void>
    on(event: string, listener: (...args: unknown[]) => void): this
    /** Koa middleware, run before oidc-provider's own routes. */
    use(
      middleware: (
        ctx: { path: string; method: string; query: Record<string, string | string[] | undefined> },
        next: () => Promise<void>
      ) => Promise<void>
    ): this
    readonly Grant: {
      new (init: { accountId: string; clientId: string }): GrantInstance
      find(id: string): Promise<GrantInstance | undefined>
    }
    readonly RefreshToken: { find(value: string): Promise<StoredToken | undefined> }
  }
}
