import { createServer } from 'node:net'

/**
 * A port on 127.0.0.1 that was free a moment ago (the OS picks it). For code that must be told a
 * port up front (the OAuth callback port setting); servers the tests start themselves should
 * listen on port 0 instead, which cannot race.
 */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve())
  })
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}
