import type { HTMLAttributes, ReactNode } from 'react'

/** A list of rows (jobs, drafts, threads, capabilities…), all laid out the same way. */
export function List({ children, ...rest }: HTMLAttributes<HTMLUListElement>): React.JSX.Element {
  return (
    <ul className="list" {...rest}>
      {children}
    </ul>
  )
}

export interface ListRowProps extends Omit<HTMLAttributes<HTMLLIElement>, 'title'> {
  /** The main line: what the row is. */
  title: ReactNode
  /** A quieter second line (reason, client, time). */
  detail?: ReactNode
  /** Badges or actions on the right. */
  trailing?: ReactNode
  /** Leading mark (icon, score). */
  leading?: ReactNode
  selected?: boolean
}

export function ListRow({ title, detail, trailing, leading, selected, className, ...rest }: ListRowProps): React.JSX.Element {
  return (
    <li className={['list-row', selected ? 'selected' : null, className].filter(Boolean).join(' ')} aria-current={selected ? true : undefined} {...rest}>
      {leading ? <span className="list-row-leading">{leading}</span> : null}
      <span className="list-row-main">
        <span className="list-row-title">{title}</span>
        {detail ? <span className="list-row-detail">{detail}</span> : null}
      </span>
      {trailing ? <span className="list-row-trailing">{trailing}</span> : null}
    </li>
  )
}
