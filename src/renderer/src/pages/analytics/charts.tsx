import type { ReactElement } from 'react'
import { ResponsiveContainer } from 'recharts'

/**
 * What every Analytics chart shares: a sized box (ResponsiveContainer measures its parent; it
 * starts at `initialWidth` so the first paint, and a DOM without layout, already has a chart),
 * axis text in the theme's muted colour, and a tooltip in the theme's panel colours.
 */
export function ChartBox({ height = 220, initialWidth = 560, children, testId }: { height?: number; initialWidth?: number; children: ReactElement; testId?: string }): React.JSX.Element {
  return (
    <div className="analytics-chart" style={{ height }} data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: initialWidth, height }}>
        {children}
      </ResponsiveContainer>
    </div>
  )
}

export const AXIS_TICK = { fill: 'var(--muted)', fontSize: 12 }

export const TOOLTIP_STYLE = {
  contentStyle: { background: 'var(--panel)', border: '1px solid var(--border)', borderRadius: 6, color: 'var(--text)' },
  labelStyle: { color: 'var(--text)', fontWeight: 600 },
  itemStyle: { color: 'var(--text)' },
  // "Reply rate: 14%", not recharts' "Reply rate : 14%".
  separator: ': ',
  // A light band behind the hovered bar (it must not hide the bar or its interval).
  cursor: { fill: 'var(--muted)', fillOpacity: 0.12, stroke: 'none' }
}

export const LEGEND_STYLE = { color: 'var(--text)', fontSize: 12.5 }

/** Series colours: the accent first, then colours that stay apart in both themes. */
export const SERIES = ['var(--accent)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)'] as const
