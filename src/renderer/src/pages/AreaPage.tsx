import { useEffect, useRef, type ReactNode } from 'react'
import { useAppStore } from '../stores/app-store'
import { AnalyticsPage } from './analytics/AnalyticsPage'
import { DraftsPage } from './drafts/DraftsPage'
import { InboxPage } from './inbox/InboxPage'
import { JobsPage } from './jobs/JobsPage'
import { SettingsPage } from './settings/SettingsPage'

export function AreaPage(): React.JSX.Element {
  const area = useAppStore((s) => s.area)
  return (
    <main className="page" data-area={area}>
      {area === 'jobs' && <JobsPage />}
      {area === 'drafts' && <DraftsPage />}
      {area === 'inbox' && <InboxPage />}
      {area === 'analytics' && <AnalyticsPage />}
      {area === 'settings' && <SettingsPage />}
    </main>
  )
}

/**
 * One area's page. Its heading takes the focus when the area opens (tabIndex -1: focusable by
 * script, not in the Tab order), so keyboard and screen-reader users land in the new area rather
 * than on <body>.
 */
export function Page({ title, children, className }: { title: string; children: ReactNode; className?: string }): React.JSX.Element {
  const heading = useRef<HTMLHeadingElement>(null)
  const navigations = useAppStore((s) => s.navigations)
  useEffect(() => {
    heading.current?.focus()
  }, [navigations])
  return (
    <>
      <header className="page-header">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
      </header>
      <div className={className ? `page-body ${className}` : 'page-body'}>{children}</div>
    </>
  )
}
