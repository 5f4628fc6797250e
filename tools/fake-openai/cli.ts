/**
 * `npx tsx tools/fake-openai/cli.ts [--port 8791] [--key sk-fake] [--reply "text"]`
 *
 * Starts fake-openai on 127.0.0.1, prints how to point GigPilot at it, and reads simple commands
 * from stdin (type `help`) to inject faults into the next requests.
 */
import { parseArgs } from 'node:util'
import { commandLoop } from '../command-loop'
import { type FakeFault, startFakeOpenAi } from './index'

const HELP = `commands (each applies to the next request unless noted):
  reply <text>       answer with this text
  429 [seconds]      rate limit with Retry-After (default 2)
  quota              429 insufficient_quota
  500                server error
  401                reject the API key
  delay <ms>         wait before answering
  badjson            an answer that is not JSON
  refuse             a refusal
  empty              an empty stream
  truncate [n]       drop the connection after n streamed chunks (default 3)
  stall [n]          go silent after n streamed chunks
  always <fault...>  the same fault for every request (e.g. "always 500"); "always off" clears it
  log [n]            the last n requests (default 10)
  quit               stop the server`

function parseFault(cmd: string, arg: string | undefined): FakeFault | null {
  const n = arg === undefined ? undefined : Number(arg)
  switch (cmd) {
    case '429':
      return { kind: 'rateLimit', retryAfterSeconds: n ?? 2 }
    case 'quota':
      return { kind: 'rateLimit', quota: true }
    case '500':
      return { kind: 'serverError' }
    case '401':
      return { kind: 'unauthorized' }
    case 'delay':
      return { kind: 'delay', ms: n ?? 5000 }
    case 'badjson':
      return { kind: 'invalidJson' }
    case 'refuse':
      return { kind: 'refusal' }
    case 'empty':
      return { kind: 'emptyStream' }
    case 'truncate':
      return { kind: 'truncatedStream', afterChunks: n ?? 3 }
    case 'stall':
      return { kind: 'stall', afterChunks: n ?? 3 }
    default:
      return null
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8791' },
      key: { type: 'string', multiple: true },
      reply: { type: 'string' },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) {
    console.log('usage: npx tsx tools/fake-openai/cli.ts [--port 8791] [--key sk-fake ...] [--reply "text"]')
    return
  }
  const fake = await startFakeOpenAi({ port: Number(values.port), apiKeys: values.key })
  if (values.reply) fake.setDefaultReply(values.reply)
  console.log(`fake-openai listening on ${fake.url}  (test double; not api.openai.com)

  OPENAI_BASE_URL=${fake.url}
  API key: ${values.key ? values.key.join(' or ') : 'any non-empty key'}

type "help" for commands.`)

  const { shutdown, commands } = commandLoop(() => fake.close())
  for await (const { cmd, rest, line } of commands()) {
    if (cmd === '') continue
    if (cmd === 'help') console.log(HELP)
    else if (cmd === 'quit') return shutdown()
    else if (cmd === 'reply') {
      fake.setScript([{ content: line.trim().slice('reply'.length).trim() }])
      console.log('next reply set')
    } else if (cmd === 'log') {
      for (const r of fake.requests.slice(-(Number(rest[0]) || 10))) {
        console.log(`${new Date(r.at).toISOString()} ${r.method} ${r.path} ${r.status}${r.stream ? ' stream' : ''}${r.closedEarly ? ' closed-early' : ''}`)
      }
    } else if (cmd === 'always') {
      const fault = rest[0] === 'off' ? null : parseFault(rest[0] ?? '', rest[1])
      fake.setFault(fault)
      console.log(fault ? `every request: ${fault.kind}` : 'faults cleared')
    } else {
      const fault = parseFault(cmd, rest[0])
      if (fault) {
        fake.setScript([{ fault }])
        console.log(`next request: ${fault.kind}`)
      } else console.log(`unknown command "${cmd}" (type help)`)
    }
  }
}

void main()
