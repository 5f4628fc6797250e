import { act, render, screen, within, type RenderResult } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { mergeSettings, type SettingsPatch } from '@shared/settings'
import type { Area } from '@shared/types'
import { App } from '../App'
import { useAppStore } from '../stores/app-store'
import { installFakeBridge, type FakeBridge } from './fake-bridge'

export interface RenderedApp extends RenderResult {
  fake: FakeBridge
  user: ReturnType<typeof userEvent.setup>
  /** Clicks an area in the sidebar by its visible name. */
  open(name: string): Promise<void>
}

/** The whole renderer against a fake main (past onboarding unless the settings say otherwise). */
export async function renderApp(options: { settings?: SettingsPatch; area?: Area; setup?: (fake: FakeBridge) => void } = {}): Promise<RenderedApp> {
  const fake = installFakeBridge()
  fake.settings = mergeSettings(fake.settings, { onboardingCompleted: true, ...options.settings })
  options.setup?.(fake)
  const user = userEvent.setup()
  if (options.area) useAppStore.setState({ area: options.area })
  const result = render(<App />)
  if (fake.settings.onboardingCompleted) await screen.findByRole('navigation')
  else await screen.findByRole('button', { name: 'Look around first' })
  // Let the first loads (status, account, usage) land before the test looks.
  await act(async () => {})
  const open = async (name: string): Promise<void> => user.click(within(screen.getByRole('navigation')).getByRole('button', { name }))
  return { ...result, fake, user, open }
}
