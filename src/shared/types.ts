/** DTOs that cross the IPC boundary. Plain data only: no classes, no secrets. */
import type { ProposalSyncStatus } from './proposals'

export type SecretBackend = 'keychain' | 'safe-storage' | 'memory'

export interface SecretStorageStatus {
  backend: SecretBackend
  /** false when secrets live in memory only and are lost at restart. */
  persistent: boolean
  /** Plain words for the UI. */
  message: string
  /** Why a better backend was not used (the keychain's own error text), for the log and a "details" toggle. */
  detail?: string
}

export interface AppInfo {
  name: string
  version: string
  platform: string
  dataDir: string
  logsDir: string
  /** 'electron' inside the desktop app; 'harness' in the dev/test browser harness. */
  runtime: 'electron' | 'harness'
}

export interface AppStatus {
  automationPaused: boolean
  secretStorage: SecretStorageStatus
  /** Set when the settings file could not be read at start (a copy was kept aside). */
  settingsProblem: string | null
  /** Other things the user should know about since start, in plain words. */
  notices: string[]
  /** Why job polling is paused now (empty or absent: it runs). */
  pollingPaused?: PollingPauseReason[]
  /** The proposal outcome sync (outcomes domain): last sync, its result or error. */
  proposalSync?: ProposalSyncStatus
}

/** notConnected: no working Upwork sign-in (not configured, disconnected, reconnect needed). */
export type PollingPauseReason = 'automation' | 'asleep' | 'offline' | 'notConnected'

export type Area = 'jobs' | 'drafts' | 'inbox' | 'analytics' | 'settings'
export const AREAS: readonly Area[] = ['jobs', 'drafts', 'inbox', 'analytics', 'settings']

export type AccountState = 'not_configured' | 'disconnected' | 'connecting' | 'connected' | 'reconnect_needed'

export interface CapabilityStatus {
  available: boolean | 'unknown'
  /** Why it is not available, in plain words (absent when available). */
  reason?: string
}

export interface Capabilities {
  jobsRead: CapabilityStatus
  jobDetails: CapabilityStatus
  profileRead: CapabilityStatus
  ontologyRead: CapabilityStatus
  messagesRead: CapabilityStatus
  messagesWrite: CapabilityStatus
  proposalsRead: CapabilityStatus
  proposalSubmit: CapabilityStatus
  checkedAt: number
}

export interface OrganizationSummary {
  id: string
  name: string
}

export interface AccountSummary {
  state: AccountState
  hasCredentials: boolean
  callbackUrl: string
  userName?: string
  userId?: string
  organizations?: OrganizationSummary[]
  tenantId?: string | null
  tokenExpiresAt?: number
  capabilities?: Capabilities
  lastError?: string
  /**
   * What `lastError` is about, for wording in the UI. 'key_rejected': Upwork refused the API key
   * (invalid_client): the client ID/secret are wrong or revoked, and signing in again will not help.
   */
  lastErrorCode?: 'key_rejected'
  /**
   * While connecting and the browser has not come back for ~20 s: what to check (the key's
   * callback URL, exactly), in English.
   */
  signInHint?: string
}

export interface UsageWindow {
  used: number
  limit: number
  resetsAt: number
}

export interface ApiUsage {
  hour: UsageWindow
  day: UsageWindow
}

/**
 * The statuses of a freelancer's proposal, as Upwork's `vendorProposals` reports them
 * (upwork-api.md §2.6). The one list: the Upwork layer filters by it, the database stores it,
 * the renderer shows it. Upwork may send a status this version does not know yet; such values
 * are kept as text, not dropped.
 */
export const PROPOSAL_STATUSES = ['Pending', 'Activated', 'Accepted', 'Offered', 'Hired', 'Declined', 'Withdrawn', 'Archived'] as const
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number]
