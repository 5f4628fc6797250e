import { cpus, totalmem } from 'node:os'
import { runColdStartBench } from './cold-start.bench'
import { runDbBench } from './db.bench'
import { runUpworkBench } from './upwork.bench'

/** npm run bench: every benchmark, printed as one table with the machine it ran on. */
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`
console.log(`GigPilot benchmarks on ${machine}\n`)

const results: Record<string, number> = {
  ...(await runColdStartBench(5)),
  ...(await runUpworkBench()),
  ...(await runDbBench())
}
const width = Math.max(...Object.keys(results).map((k) => k.length))
for (const [name, value] of Object.entries(results)) console.log(`${name.padEnd(width)}  ${value}`)
