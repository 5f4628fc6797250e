import type { ReactNode } from 'react'

/** "Never a silent zero": every empty area says why it is empty and what to do. */
export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }): React.JSX.Element {
  return (
    <section className="empty-state" aria-live="polite">
      <h2>{title}</h2>
      <p>{children}</p>
      {action ? <div className="empty-action">{action}</div> : null}
    </section>
  )
}
