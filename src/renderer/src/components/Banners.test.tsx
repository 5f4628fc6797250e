import { act, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { renderApp } from '../test-support/render-app'
import { useWorkspaceStore, windowReload } from './Banners'

/** Entering and leaving the demo workspace from the renderer: onboarding's button, the banner, the sidebar label. */
let reloads: ReturnType<typeof vi.fn>
const realReload = windowReload.reload
beforeEach(() => {
  reloads = vi.fn()
  windowReload.reload = reloads as () => void
  useWorkspaceStore.setState({ info: null, switching: false, error: null })
})
afterEach(() => {
  windowReload.reload = realReload
})

describe('demo workspace in the renderer', () => {
  it('onboarding offers the demo when there is no Upwork key; entering it starts the window over and changes no real setting', async () => {
    const { fake, user } = await renderApp({ settings: { onboardingCompleted: false } })
    await user.click(screen.getByRole('button', { name: 'Try the demo workspace' }))
    expect(fake.callsOf('workspace:enterDemo')).toHaveLength(1)
    expect(reloads).toHaveBeenCalledTimes(1)
    expect(fake.callsOf('settings:update')).toEqual([])
  })

  it('onboarding does not offer the demo once an Upwork key is saved', async () => {
    await renderApp({ settings: { onboardingCompleted: false }, setup: (f) => void (f.account = { ...f.account, hasCredentials: true, state: 'disconnected' }) })
    expect(screen.queryByRole('button', { name: 'Try the demo workspace' })).toBeNull()
  })

  it('says why the demo could not open, and lets the user try again', async () => {
    const { fake, user } = await renderApp({ settings: { onboardingCompleted: false } })
    fake.failNext('workspace:enterDemo', { code: 'internal', message: 'The disk is full.' })
    await user.click(screen.getByRole('button', { name: 'Try the demo workspace' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('The disk is full.')
    expect(reloads).not.toHaveBeenCalled()
    expect(screen.getByRole('button', { name: 'Try the demo workspace' })).toBeEnabled()
  })

  it('in the demo: a banner that cannot be dismissed, a sidebar label, and Leave demo', async () => {
    const { fake, user } = await renderApp({ setup: (f) => void (f.workspace = { kind: 'demo', demoStartedAt: 1 }) })
    const banner = await screen.findByRole('region', { name: 'Demo workspace' })
    expect(banner).toHaveTextContent('You are in the demo workspace — sample data, nothing is sent to Upwork.')
    expect(within(banner).queryByRole('button', { name: 'Dismiss' })).toBeNull()
    expect(within(screen.getByRole('navigation')).getByText('Demo workspace')).toBeVisible()
    await user.click(within(banner).getByRole('button', { name: 'Leave demo' }))
    expect(fake.callsOf('workspace:leaveDemo')).toHaveLength(1)
    expect(reloads).toHaveBeenCalledTimes(1)
  })

  it('Settings → Upwork account in the demo: the sample account, no Connect or Disconnect, Leave demo instead', async () => {
    const { fake, user } = await renderApp({
      area: 'settings',
      setup: (f) => {
        f.workspace = { kind: 'demo', demoStartedAt: 1 }
        f.account = { ...f.account, state: 'disconnected', hasCredentials: true }
      }
    })
    const card = await screen.findByTestId('upwork-account')
    expect(card).toHaveTextContent('You are signed in with the demo’s sample account. To connect your own Upwork account, leave the demo first.')
    expect(within(card).queryByRole('button', { name: 'Connect' })).toBeNull()
    expect(within(card).queryByRole('button', { name: /Disconnect/ })).toBeNull()
    expect(within(card).queryByLabelText(/Client ID/)).toBeNull()
    await user.click(within(card).getByRole('button', { name: 'Leave demo' }))
    expect(fake.callsOf('workspace:leaveDemo')).toHaveLength(1)
    expect(fake.callsOf('upwork:connect')).toEqual([])
    expect(reloads).toHaveBeenCalledTimes(1)
  })

  it('the real workspace shows neither banner nor label', async () => {
    await renderApp()
    expect(screen.queryByRole('region', { name: 'Demo workspace' })).toBeNull()
    expect(screen.queryByText('Demo workspace')).toBeNull()
  })

  it('starts the window over when main switched workspaces (e.g. from another window)', async () => {
    const { fake } = await renderApp()
    await act(async () => fake.emit('workspace:changed', { kind: 'demo', demoStartedAt: 1 }))
    expect(reloads).toHaveBeenCalledTimes(1)
  })
})
