import type { TrainInput, TrainOutput } from '../train'

/** Main → training worker: one training. */
export interface TrainRequest {
  id: number
  input: TrainInput
}

/** Training worker → main: its result, or why it failed. */
export type TrainReply = { id: number; ok: true; output: TrainOutput } | { id: number; ok: false; error: string }
