import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { setLanguage, useI18n } from '../i18n'
import { useAccountStore } from '../stores/account-store'
import { useAppStore } from '../stores/app-store'
import { useSettingsStore } from '../stores/settings-store'
import { resetStores } from './stores'

// Each test starts from a fresh page: no DOM left over, no bridge, stores and language at rest.
afterEach(() => {
  cleanup()
  delete window.gigpilot
  resetStores(useAppStore, useSettingsStore, useAccountStore, useI18n)
  setLanguage('en')
  document.documentElement.removeAttribute('data-theme')
})
