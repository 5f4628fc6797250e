import { useState } from 'react'
import { useT } from '../i18n'
import { useAppStore } from '../stores/app-store'
import { Button } from '../ui'
import { secretStorageKey } from './secret-storage'

/** Problems found at start (broken settings file, secrets not persisted), shown until dismissed. */
export function Banners(): React.JSX.Element | null {
  const t = useT()
  const status = useAppStore((s) => s.status)
  const info = useAppStore((s) => s.info)
  const [dismissed, setDismissed] = useState<string[]>([])
  if (!status) return null
  const items: Array<{ id: string; title: string; text: string }> = []
  if (status.settingsProblem) items.push({ id: 'settings', title: t('banner.settingsProblem'), text: status.settingsProblem })
  if (!status.secretStorage.persistent) items.push({ id: 'secrets', title: t('banner.memorySecrets'), text: t(secretStorageKey(status.secretStorage, info)) })
  status.notices.forEach((text, i) => items.push({ id: `notice-${i}`, title: '', text }))
  const visible = items.filter((i) => !dismissed.includes(i.id))
  if (visible.length === 0) return null
  return (
    <div className="banners">
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
