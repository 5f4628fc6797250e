import type { ReactNode } from 'react'

export type BadgeTone = 'neutral' | 'ok' | 'warn' | 'danger' | 'accent'

/** A short state word (score, "Yes"/"No", "paused"). The text carries the meaning, not the colour. */
export function Badge({ tone = 'neutral', children, ...rest }: { tone?: BadgeTone; children: ReactNode; 'data-testid'?: string }): React.JSX.Element {
  return (
    <span className={`badge ${tone}`} {...rest}>
      {children}
    </span>
  )
}
