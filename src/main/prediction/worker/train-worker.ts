/**
 * The training worker thread's entry (electron.vite.config.ts builds it as out/main/prediction-worker.js;
 * from source, db/worker/source-bootstrap.mjs loads this file through tsx). It runs one training
 * per message, so the main thread's event loop never does the arithmetic. Only type imports from
 * @shared: this file and what it imports run without the app's path aliases.
 */
import { parentPort } from 'node:worker_threads'
import { trainAll, type TrainInput } from '../train'
import type { TrainReply, TrainRequest } from './protocol'

const port = parentPort
if (!port) throw new Error('the prediction worker must run in a worker thread')

port.on('message', (request: TrainRequest) => {
  let reply: TrainReply
  try {
    reply = { id: request.id, ok: true, output: trainAll(request.input as TrainInput) }
  } catch (e) {
    reply = { id: request.id, ok: false, error: e instanceof Error ? e.message : String(e) }
  }
  port.postMessage(reply)
})
