/**
 * Run by choose-secret-store.test.ts in a child process whose D-Bus address points nowhere, so
 * the REAL keytar fails the way it does on a Linux desktop without a session bus. Prints the
 * chosen statuses as JSON on stdout.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMemoryLogger } from '../../test-support/memory-logger'
import { chooseSecretStore } from '../choose-secret-store'
import { loadKeytar } from '../keytar-like'
import { AesSafeStorage } from './aes-safe-storage'

const { keytar, error } = await loadKeytar()
if (!keytar) throw new Error(`keytar did not load: ${error}`)
const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-child-'))
const serviceName = process.argv[2] ?? 'GigPilot-test-child'

const withoutSafeStorage = await chooseSecretStore({ keytar, dataDir, logger: createMemoryLogger(), serviceName })
const withSafeStorage = await chooseSecretStore({
  keytar,
  safeStorage: new AesSafeStorage({ backend: 'gnome_libsecret' }),
  dataDir,
  logger: createMemoryLogger(),
  serviceName
})
process.stdout.write(
  JSON.stringify({
    withoutSafeStorage: { status: withoutSafeStorage.status, storeBackend: withoutSafeStorage.store.backend },
    withSafeStorage: { status: withSafeStorage.status, storeBackend: withSafeStorage.store.backend },
    dataDir
  })
)
