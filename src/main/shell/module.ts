import { AppError } from '../core/app-error'
import type { DomainModule } from '../core/domain-module'
import { vetExternalUrl } from '../security/external-url'

export interface ShellDeps {
  /** Opens a URL in the system browser (Electron's shell.openExternal; a new tab in the harness). */
  openExternal: (url: string) => Promise<void>
}

/** Links from the page to the system browser: parsed once, checked, and exactly the checked URL is opened. */
export function createShellModule(deps: ShellDeps): DomainModule<'shell:openExternal'> {
  return {
    name: 'shell',
    handlers: {
      'shell:openExternal': async ({ url }) => {
        const vetted = vetExternalUrl(url)
        if (vetted === null) throw new AppError('forbidden_url', 'errors.forbidden_url')
        await deps.openExternal(vetted)
        return { opened: true }
      }
    }
  }
}
