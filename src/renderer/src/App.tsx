import { useEffect } from 'react'
import { AREAS } from '@shared/types'
import { Banners } from './components/Banners'
import { ShortcutsHelp } from './components/ShortcutsHelp'
import { Sidebar } from './components/Sidebar'
import { StatusBar } from './components/StatusBar'
import { useTheme } from './components/use-theme'
import { useErrorText, useT } from './i18n'
import { AreaPage } from './pages/AreaPage'
import { OnboardingPage } from './pages/OnboardingPage'
import { useAppStore } from './stores/app-store'
import { bootstrapStores } from './stores/bootstrap'
import { useSettingsStore } from './stores/settings-store'
import { toProblem } from './api'

export function App(): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  useEffect(() => {
    try {
      return bootstrapStores()
    } catch (e) {
      useAppStore.setState({ fatal: toProblem(e) })
      return undefined
    }
  }, [])
  const settings = useSettingsStore((s) => s.settings)
  const appFatal = useAppStore((s) => s.fatal)
  const loadError = useSettingsStore((s) => s.loadError)
  const fatal = appFatal ?? loadError
  useTheme(settings?.theme ?? 'system')
  useAreaShortcuts()

  if (fatal) {
    return (
      <main className="fatal" role="alert">
        <h1>{t('app.name')}</h1>
        <p>{errorText(fatal)}</p>
      </main>
    )
  }
  if (!settings) return <main className="loading" aria-busy="true" />
  if (!settings.onboardingCompleted) return <OnboardingPage />

  return (
    <div className="shell">
      <Sidebar />
      <div className="workspace">
        <Banners />
        <AreaPage />
        <StatusBar />
      </div>
      <ShortcutsHelp />
    </div>
  )
}

/** Ctrl/Cmd+1…5 switch areas, like tabs in a mail client. */
function useAreaShortcuts(): void {
  const navigate = useAppStore((s) => s.navigate)
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return
      const index = Number(e.key) - 1
      const area = AREAS[index]
      if (area) {
        e.preventDefault()
        navigate(area)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [navigate])
}
