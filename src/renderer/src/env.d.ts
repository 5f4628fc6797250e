import type { BridgeApi } from '@shared/contract'

declare global {
  interface Window {
    /** Provided by the preload (Electron) or by the harness bridge script (browser tests). */
    gigpilot?: BridgeApi
  }
}
export {}
