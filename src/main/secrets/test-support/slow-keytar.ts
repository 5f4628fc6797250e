import type { KeytarLike } from '../keytar-like'

/**
 * An in-process keychain with latency, for the ordering and timeout tests that the real keychain
 * cannot make deterministic. Each call takes `delayMs()` before it touches the map, so calls that
 * are not serialised by the store visibly overtake each other.
 */
export class SlowKeytar implements KeytarLike {
  readonly entries = new Map<string, string>()
  readonly calls: string[] = []
  inFlight = 0
  maxInFlight = 0

  constructor(private readonly delayMs: (op: string) => number = () => 5) {}

  getPassword(service: string, account: string): Promise<string | null> {
    return this.op('get', account, () => this.entries.get(`${service}/${account}`) ?? null)
  }

  setPassword(service: string, account: string, password: string): Promise<void> {
    return this.op('set', account, () => {
      this.entries.set(`${service}/${account}`, password)
    })
  }

  deletePassword(service: string, account: string): Promise<boolean> {
    return this.op('delete', account, () => this.entries.delete(`${service}/${account}`))
  }

  private async op<T>(name: string, account: string, fn: () => T): Promise<T> {
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    try {
      const delay = this.delayMs(name)
      if (delay === Infinity) await new Promise(() => {}) // a keyring stuck behind an unlock prompt
      await new Promise((r) => setTimeout(r, delay))
      const result = fn()
      this.calls.push(`${name}:${account}`)
      return result
    } finally {
      this.inFlight--
    }
  }
}
