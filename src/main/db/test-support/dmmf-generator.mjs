// A minimal Prisma generator that writes the DMMF (Prisma's own parse of schema.prisma) to
// `<output>/dmmf.json`. Used only by schema-agreement.test.ts, through a temporary copy of the
// schema: the project's real `prisma generate` never runs it.
//
// Protocol (what `prisma generate` speaks to generator processes): JSON-RPC 2.0, one message per
// line; requests arrive on stdin, responses go to stderr.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const reply = (id, result) => process.stderr.write(JSON.stringify({ jsonrpc: '2.0', id, result }) + '\n')
const fail = (id, error) =>
  process.stderr.write(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32000, message: String(error?.stack ?? error), data: {} } }) + '\n')

createInterface({ input: process.stdin }).on('line', (line) => {
  let message
  try {
    message = JSON.parse(line)
  } catch {
    return
  }
  try {
    if (message.method === 'getManifest') {
      reply(message.id, { manifest: { prettyName: 'DMMF dump (tests)', defaultOutput: '.', requiresEngines: [] } })
    } else if (message.method === 'generate') {
      const out = message.params.generator.output.value
      mkdirSync(out, { recursive: true })
      writeFileSync(join(out, 'dmmf.json'), JSON.stringify(message.params.dmmf.datamodel, null, 2))
      reply(message.id, null)
    }
  } catch (e) {
    fail(message.id, e)
  }
})
