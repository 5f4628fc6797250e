/**
 * The main thread's side of the training worker (worker/train-worker.ts): starts it when a training
 * is asked for, sends the rows, waits in the event loop. A worker that dies, throws or overruns
 * the time limit fails that training with a TrainWorkerError (the caller keeps the model in use);
 * the next training starts a new worker. Found like the database worker: from TypeScript source
 * through db/worker/source-bootstrap.mjs (vitest, tsx, the bench), in the build beside the main
 * bundle (`prediction-worker.js`, a second input of electron.vite.config.ts).
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { WorkerEntry } from '../../db/worker/database-worker'
import type { TrainInput, TrainOutput } from '../train'
import type { TrainReply, TrainRequest } from './protocol'

export class TrainWorkerError extends Error {
  constructor(
    message: string,
    readonly reason: 'crashed' | 'failed' | 'timeout'
  ) {
    super(message)
    this.name = 'TrainWorkerError'
  }
}

export function findTrainWorkerEntry(here: string = import.meta.url): WorkerEntry {
  if (here.endsWith('.ts')) {
    return { script: new URL('../../db/worker/source-bootstrap.mjs', here), sourceEntry: new URL('./train-worker.ts', here).href }
  }
  for (const candidate of ['./prediction-worker.js', '../prediction-worker.js']) {
    const url = new URL(candidate, here)
    if (existsSync(fileURLToPath(url))) return { script: url }
  }
  throw new TrainWorkerError(`the prediction worker script (prediction-worker.js) is not next to ${here}`, 'crashed')
}

export const TRAIN_TIMEOUT_MS = 60_000
/**
 * The worker's own heap limit. A training of MAX_TRAINING_ROWS needs a few tens of MB; without a
 * limit a worker that runs out of memory aborts the whole app (V8's fatal OOM is per process),
 * with one it is terminated (ERR_WORKER_OUT_OF_MEMORY) and that training fails as 'crashed'.
 */
export const TRAIN_WORKER_HEAP_MB = 512

export class TrainRunner {
  readonly #entry: WorkerEntry
  readonly #timeoutMs: number
  readonly #heapMb: number
  #worker: Worker | null = null
  #nextId = 1
  #starts = 0
  #inFlight = 0
  #closed = false

  constructor(options: { entry?: WorkerEntry; timeoutMs?: number; heapMb?: number } = {}) {
    this.#entry = options.entry ?? findTrainWorkerEntry()
    this.#timeoutMs = options.timeoutMs ?? TRAIN_TIMEOUT_MS
    this.#heapMb = options.heapMb ?? TRAIN_WORKER_HEAP_MB
  }

  /** Workers started so far (tests: a crash makes the next run start a new one). */
  get starts(): number {
    return this.#starts
  }

  /** A training is in flight (posted to the worker, not answered yet). */
  get busy(): boolean {
    return this.#inFlight > 0
  }

  get timeoutMs(): number {
    return this.#timeoutMs
  }

  run(input: TrainInput): Promise<TrainOutput> {
    if (this.#closed) return Promise.reject(new TrainWorkerError('the training worker is closed (the app is quitting)', 'crashed'))
    const worker = this.#ensureWorker()
    const id = this.#nextId++
    worker.ref()
    return new Promise<TrainOutput>((resolve, reject) => {
      const done = (): void => {
        this.#inFlight--
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('exit', onExit)
        worker.off('error', onError)
        worker.unref()
      }
      let lastError: Error | undefined
      const onMessage = (reply: TrainReply): void => {
        if (reply.id !== id) return
        done()
        if (reply.ok) resolve(reply.output)
        else reject(new TrainWorkerError(reply.error, 'failed'))
      }
      const onError = (e: Error): void => {
        lastError = e
      }
      const onExit = (code: number): void => {
        done()
        reject(new TrainWorkerError(`the training worker stopped (exit code ${code}${lastError ? `: ${lastError.message}` : ''})`, 'crashed'))
      }
      const timer = setTimeout(() => {
        done()
        void this.#stop(worker)
        reject(new TrainWorkerError(`training took longer than ${this.#timeoutMs} ms`, 'timeout'))
      }, this.#timeoutMs)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      this.#inFlight++
      worker.postMessage({ id, input } satisfies TrainRequest)
    })
  }

  /** Tests: kill the worker as a crash would (a training in flight fails with reason 'crashed'). */
  async simulateCrashForTest(): Promise<void> {
    if (this.#worker) await this.#worker.terminate()
  }

  /** Stops the worker (a training in flight fails); no training starts after this. */
  async close(): Promise<void> {
    this.#closed = true
    if (this.#worker) await this.#stop(this.#worker)
  }

  async #stop(worker: Worker): Promise<void> {
    if (this.#worker === worker) this.#worker = null
    await worker.terminate()
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker
    const worker = new Worker(this.#entry.script, {
      workerData: this.#entry.sourceEntry ? { sourceEntry: this.#entry.sourceEntry } : {},
      name: 'gigpilot-prediction',
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.#heapMb }
    })
    worker.unref()
    worker.on('exit', () => {
      if (this.#worker === worker) this.#worker = null
    })
    worker.on('error', () => undefined) // reported to the training in flight (onError / onExit)
    this.#worker = worker
    this.#starts++
    return worker
  }
}
