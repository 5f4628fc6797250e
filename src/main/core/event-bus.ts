import type { EventMap } from '@shared/contract'
import { TypedEmitter } from './typed-emitter'

/**
 * Main-side hub for the contract's main → renderer events. Domain modules emit here (through
 * `wireEvents`); the Electron glue forwards every event to the window, the harness to its
 * WebSocket clients.
 */
export class EventBus extends TypedEmitter<EventMap> {}
