import { useId, type ReactNode } from 'react'

/** A titled section of a page; its heading names the region for assistive technology. */
export function Card({ title, children, className, ...rest }: { title: ReactNode; children: ReactNode; className?: string; 'data-testid'?: string }): React.JSX.Element {
  const id = useId()
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={id} {...rest}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  )
}
