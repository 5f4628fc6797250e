import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Badge } from './Badge'
import { Card } from './Card'
import { EmptyState } from './EmptyState'
import { List, ListRow } from './ListRow'

describe('Card, List, ListRow, Badge, EmptyState', () => {
  it('a card is a region named by its heading', () => {
    render(
      <>
        <Card title="Notifications">a</Card>
        <Card title="Data">b</Card>
      </>
    )
    expect(screen.getByRole('region', { name: 'Notifications' })).toHaveTextContent('a')
    expect(within(screen.getByRole('region', { name: 'Data' })).getByRole('heading', { level: 2 })).toHaveTextContent('Data')
  })

  it('a list row has its title, detail and trailing badge in one list item, and marks the selected row', () => {
    render(
      <List aria-label="Capabilities">
        <ListRow title="Search jobs" detail="Needs the job postings scope" trailing={<Badge tone="warn">No</Badge>} />
        <ListRow title="Read messages" trailing={<Badge tone="ok">Yes</Badge>} selected />
      </List>
    )
    const rows = within(screen.getByRole('list', { name: 'Capabilities' })).getAllByRole('listitem')
    expect(rows).toHaveLength(2)
    expect(rows[0]).toHaveTextContent('Search jobsNeeds the job postings scopeNo')
    expect(rows[0]).not.toHaveAttribute('aria-current')
    expect(rows[1]).toHaveAttribute('aria-current', 'true')
    expect(within(rows[1]!).getByText('Yes')).toHaveClass('badge', 'ok')
  })

  it('an empty state says why and offers the way out', () => {
    render(
      <EmptyState title="No jobs yet" action={<button type="button">Open Settings</button>}>
        Connect your key.
      </EmptyState>
    )
    expect(screen.getByRole('heading', { name: 'No jobs yet' })).toBeVisible()
    expect(screen.getByText('Connect your key.')).toBeVisible()
    expect(screen.getByRole('button', { name: 'Open Settings' })).toBeVisible()
  })
})
