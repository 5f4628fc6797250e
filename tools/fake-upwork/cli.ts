/**
 * `npm run fake-upwork [-- --port 8790 --seed 1 --auto-approve --ttl 86400 --proposal-submit]`
 *
 * Starts the fake on 127.0.0.1, prints the env vars that point GigPilot at it, and reads simple
 * commands from stdin (type `help`). Playwright tests in another process use /__control/* instead.
 */
import { parseArgs } from 'node:util'
import { commandLoop } from '../command-loop'
import { DEFAULT_CLIENT, DEFAULT_SCOPES, KNOWN, startFakeUpwork } from './index'

const HELP = `commands:
  job [title]          publish a new job (appears first in searches)
  msg <roomId> <text>  a client message arrives in a room
  rooms                list room ids with unread counts
  expire               expire every access token (next call: 401)
  revoke               revoke every refresh token (next refresh: invalid_grant)
  429 [n]              rate-limit the next n GraphQL calls (default 1)
  500 [n]              server error on the next n GraphQL calls
  drop                 drop the connection of the next GraphQL call
  clear                clear pending faults
  log [n]              show the last n requests (default 10)
  quit                 stop the server`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8790' },
      seed: { type: 'string', default: '1' },
      ttl: { type: 'string' },
      'auto-approve': { type: 'boolean', default: false },
      /** Serve the opt-in createJobProposal and grant the key the proposal:submit scope. */
      'proposal-submit': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) {
    console.log('usage: tsx tools/fake-upwork/cli.ts [--port 8790] [--seed 1] [--ttl seconds] [--auto-approve] [--proposal-submit]')
    return
  }
  const fake = await startFakeUpwork({
    port: Number(values.port),
    seed: Number(values.seed),
    accessTokenTtlSeconds: values.ttl ? Number(values.ttl) : undefined,
    autoApprove: values['auto-approve'],
    proposalSubmit: values['proposal-submit']
  })
  if (values['proposal-submit']) fake.setScopes([...DEFAULT_SCOPES, 'proposal:submit'])
  console.log(`fake-upwork listening on ${fake.url}  (test double; not upwork.com)

  UPWORK_AUTH_URL=${fake.authorizeUrl}
  UPWORK_TOKEN_URL=${fake.tokenUrl}
  UPWORK_GRAPHQL_URL=${fake.graphqlUrl}

  client id:     ${DEFAULT_CLIENT.clientId}
  client secret: ${DEFAULT_CLIENT.clientSecret}
  redirect URI:  ${DEFAULT_CLIENT.redirectUris.join(', ')} (or any http://127.0.0.1:<port>/…)

  user: ${KNOWN.userName} (${KNOWN.userId}), orgs ${KNOWN.personalOrgId} / ${KNOWN.agencyOrgId}
  known job: ${KNOWN.jobId}; room with unread: ${KNOWN.roomWithUnread}
  test-only control API: ${fake.url}/__control/state

type "help" for commands.`)

  const { shutdown, commands } = commandLoop(() => fake.close())
  for await (const { cmd, rest } of commands()) {
    const count = Math.max(1, Number(rest[0]) || 1)
    try {
      switch (cmd) {
        case '':
          break
        case 'help':
          console.log(HELP)
          break
        case 'job': {
          const job = fake.publishJob(rest.length ? { title: rest.join(' ') } : {})
          console.log(`published ${job.id}: ${job.title}`)
          break
        }
        case 'msg': {
          const [roomId, ...words] = rest
          if (!roomId || words.length === 0) throw new Error('usage: msg <roomId> <text>')
          const story = fake.postClientMessage(roomId, words.join(' '))
          console.log(`story ${story.id} in ${roomId}`)
          break
        }
        case 'rooms':
          for (const r of fake.data.rooms) {
            const unread = r.stories.filter((s) => s.userId !== fake.data.user.id && s.createdDateTime > r.lastReadDateTime).length
            console.log(`${r.id}  ${r.roomType.padEnd(10)} unread=${unread}  ${r.roomName}`)
          }
          break
        case 'expire':
          fake.expireAccessTokens()
          console.log('access tokens expired')
          break
        case 'revoke':
          fake.revokeRefreshTokens()
          console.log('refresh tokens revoked')
          break
        case '429':
          fake.faults.next({ kind: 'rateLimit', retryAfterSeconds: 5 }, { count })
          console.log(`next ${count} GraphQL call(s) get 429`)
          break
        case '500':
          fake.faults.next({ kind: 'serverError', status: 500 }, { count })
          console.log(`next ${count} GraphQL call(s) get 500`)
          break
        case 'drop':
          fake.faults.next({ kind: 'dropConnection' })
          console.log('next GraphQL call is dropped')
          break
        case 'clear':
          fake.faults.clear()
          console.log('faults cleared')
          break
        case 'log':
          for (const r of fake.requests.slice(-(Number(rest[0]) || 10))) {
            console.log(`${new Date(r.at).toISOString()} ${r.method} ${r.path} ${r.status} ${r.operationName ?? r.grantType ?? ''}`)
          }
          break
        case 'quit':
        case 'exit':
          return await shutdown()
        default:
          console.log(`unknown command "${cmd}"; type "help"`)
      }
    } catch (error) {
      console.log(`error: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
