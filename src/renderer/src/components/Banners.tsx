import { useEffect, useState } from 'react'
import { create } from 'zustand'
import type { WorkspaceInfo } from '@shared/contract/workspace'
import { api, toProblem, type Problem } from '../api'
import { useErrorText, useT } from '../i18n'
import { useAppStore } from '../stores/app-store'
import { Button, Card } from '../ui'
import { secretStorageKey } from './secret-storage'

/** The window starts over after a workspace switch: every store belongs to the workspace that was open. */
export const windowReload = { reload: (): void => window.location.reload() }

interface WorkspaceState {
  info: WorkspaceInfo | null
  switching: boolean
  error: Problem | null
  load(): Promise<void>
  enterDemo(): Promise<void>
  leaveDemo(): Promise<void>
}

/** Which workspace is open (the real one or the demo), and entering/leaving the demo. */
export const useWorkspaceStore = create<WorkspaceState>((set) => {
  const switchWith = async (call: () => Promise<WorkspaceInfo>): Promise<void> => {
    set({ switching: true, error: null })
    try {
      set({ info: await call() })
      windowReload.reload()
    } catch (e) {
      set({ switching: false, error: toProblem(e) })
    }
  }
  return {
    info: null,
    switching: false,
    error: null,
    load: async () => {
      try {
        set({ info: await api.workspace.get() })
      } catch {
        // Unknown: no demo banner; the shell shows the bridge problem on its own.
      }
    },
    enterDemo: () => switchWith(() => api.workspace.enterDemo()),
    leaveDemo: () => switchWith(() => api.workspace.leaveDemo())
  }
})

/** Loads the workspace once and starts the window over when main switched workspaces. */
export function useWorkspaceFollower(): void {
  useEffect(() => {
    void useWorkspaceStore.getState().load()
    try {
      return api.on('workspace:changed', () => windowReload.reload())
    } catch {
      return undefined
    }
  }, [])
}

/** Leave demo, and why leaving failed if it did (the banner's and the demo account card's). */
function LeaveDemo(): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const switching = useWorkspaceStore((s) => s.switching)
  const error = useWorkspaceStore((s) => s.error)
  const leaveDemo = useWorkspaceStore((s) => s.leaveDemo)
  return (
    <>
      <Button variant="primary" onClick={() => void leaveDemo()} disabled={switching}>
        {switching ? t('demo.switching') : t('demo.banner.leave')}
      </Button>
      {error ? (
        <p className="field-error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
    </>
  )
}

/** The demo's persistent banner: what this is, and the way out. Not dismissable. */
function DemoBanner(): React.JSX.Element {
  const t = useT()
  return (
    <section className="banner banner-demo" aria-label={t('demo.label')} data-testid="demo-banner">
      <p>
        <strong>{t('demo.banner.text')}</strong>
      </p>
      <LeaveDemo />
    </section>
  )
}

/** Problems found at start (broken settings file, secrets not persisted), shown until dismissed; the demo's banner. */
export function Banners(): React.JSX.Element | null {
  const t = useT()
  const status = useAppStore((s) => s.status)
  const info = useAppStore((s) => s.info)
  const inDemo = useWorkspaceStore((s) => s.info?.kind === 'demo')
  const [dismissed, setDismissed] = useState<string[]>([])
  useWorkspaceFollower()
  const items: Array<{ id: string; title: string; text: string }> = []
  if (status?.settingsProblem) items.push({ id: 'settings', title: t('banner.settingsProblem'), text: status.settingsProblem })
  if (status && !status.secretStorage.persistent) items.push({ id: 'secrets', title: t('banner.memorySecrets'), text: t(secretStorageKey(status.secretStorage, info)) })
  status?.notices.forEach((text, i) => items.push({ id: `notice-${i}`, title: '', text }))
  const visible = items.filter((i) => !dismissed.includes(i.id))
  if (visible.length === 0 && !inDemo) return null
  return (
    <div className="banners">
      {inDemo ? <DemoBanner /> : null}
      {visible.map((item) => (
        <div key={item.id} className="banner" role="status">
          <p>
            {item.title ? <strong>{t('banner.title', { title: item.title })}</strong> : null}
            {item.text}
          </p>
          <Button variant="link" onClick={() => setDismissed((d) => [...d, item.id])}>
            {t('common.dismiss')}
          </Button>
        </div>
      ))}
    </div>
  )
}

/**
 * Settings → Upwork account in the demo: the sample account, why there is nothing to connect, and
 * the way to one's own account (Leave demo) — never Upwork's real sign-in.
 */
export function DemoAccountCard({ userName }: { userName: string | null }): React.JSX.Element {
  const t = useT()
  return (
    <Card title={t('upwork.title')} data-testid="upwork-account">
      <p className="account-state" data-testid="account-state" data-state="connected">
        {t('upwork.state.connected', { name: userName ?? t('demo.account.name') })}
      </p>
      <p className="hint-box">{t('demo.account.hint')}</p>
      <div className="actions">
        <LeaveDemo />
      </div>
    </Card>
  )
}
