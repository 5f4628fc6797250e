import { t } from '../i18n'
import { EmptyState } from '../components/EmptyState'
import { useAccountStore } from '../stores/account-store'
import { useAppStore } from '../stores/app-store'
import { SettingsPage } from './settings/SettingsPage'

export function AreaPage(): React.JSX.Element {
  const area = useAppStore((s) => s.area)
  return (
    <main className="page" data-area={area}>
      {area === 'jobs' && <JobsPage />}
      {area === 'drafts' && (
        <Page title={t('nav.drafts')}>
          <EmptyState title={t('drafts.empty.title')}>{t('drafts.empty.body')}</EmptyState>
        </Page>
      )}
      {area === 'inbox' && (
        <Page title={t('nav.inbox')}>
          <EmptyState title={t('inbox.empty.title')}>{t('inbox.empty.body')}</EmptyState>
        </Page>
      )}
      {area === 'analytics' && (
        <Page title={t('nav.analytics')}>
          <EmptyState title={t('analytics.empty.title')}>{t('analytics.empty.body')}</EmptyState>
        </Page>
      )}
      {area === 'settings' && <SettingsPage />}
    </main>
  )
}

function Page({ title, children }: { title: string; children: React.ReactNode }): React.JSX.Element {
  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <div className="page-body">{children}</div>
    </>
  )
}

function JobsPage(): React.JSX.Element {
  const account = useAccountStore((s) => s.account)
  const navigate = useAppStore((s) => s.navigate)
  const connected = account?.state === 'connected'
  return (
    <Page title={t('nav.jobs')}>
      <EmptyState
        title={t('jobs.empty.title')}
        action={
          connected ? undefined : (
            <button type="button" className="primary" onClick={() => navigate('settings')}>
              {t('common.openSettings')}
            </button>
          )
        }
      >
        {connected ? t('jobs.empty.connected') : t('jobs.empty.notConnected')}
      </EmptyState>
    </Page>
  )
}
