import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'

/** Resolves with the connect error code (e.g. 'ECONNREFUSED'), or 'connected' if something listens. */
export function probePort(host: string, port: number, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    const done = (result: string): void => {
      socket.destroy()
      resolve(result)
    }
    socket.setTimeout(timeoutMs, () => done('timeout'))
    socket.once('connect', () => done('connected'))
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? 'error'))
  })
}

/** The machine's first non-internal IPv4 address, if it has one. */
export function nonLoopbackIPv4(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const addr of list ?? []) {
      if (addr.family === 'IPv4' && !addr.internal) return addr.address
    }
  }
  return null
}

/** 'pending' if the promise has not settled within `ms`. */
export async function settledWithin(p: Promise<unknown>, ms = 100): Promise<'resolved' | 'rejected' | 'pending'> {
  return Promise.race([
    p.then(
      () => 'resolved' as const,
      () => 'rejected' as const
    ),
    new Promise<'pending'>((r) => setTimeout(() => r('pending'), ms))
  ])
}
