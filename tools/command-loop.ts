import { createInterface } from 'node:readline'

/**
 * The fake servers' command line: SIGINT/SIGTERM (and `shutdown()`) close the server and exit;
 * each line typed on stdin comes out as `{ cmd, rest, line }`. stdin closing (started in the
 * background with no terminal) only ends the loop: the server keeps running until a signal.
 */
export function commandLoop(close: () => Promise<void>): {
  shutdown: () => Promise<void>
  commands: () => AsyncGenerator<{ cmd: string; rest: string[]; line: string }>
} {
  const shutdown = async (): Promise<void> => {
    await close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())
  async function* commands(): AsyncGenerator<{ cmd: string; rest: string[]; line: string }> {
    for await (const raw of createInterface({ input: process.stdin, terminal: false })) {
      const line = raw.trim()
      const [cmd = '', ...rest] = line.split(/\s+/)
      yield { cmd, rest, line }
    }
  }
  return { shutdown, commands }
}
