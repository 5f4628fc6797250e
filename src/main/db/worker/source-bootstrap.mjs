// Runs the database worker from TypeScript source (vitest, tsx, the bench): a worker thread does
// not inherit the parent's TypeScript loader, so register tsx here, then load the .ts entry.
// The built app loads out/main/db-worker.js directly and never uses this file.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.sourceEntry)
