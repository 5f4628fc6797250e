import { useCallback, useRef, useState, type ReactNode } from 'react'
import { useT } from '../i18n'
import { Button } from './Button'
import { Dialog } from './Dialog'

export interface ConfirmOptions {
  title: string
  /** What will be lost, in plain words. */
  body: ReactNode
  confirmLabel: string
  /** Deleting or resetting: the confirm button is red. Cancel has the focus either way. */
  danger?: boolean
}

/** Asks first. Resolves true for the confirm button, false for Cancel, Esc or a click outside. */
export function ConfirmDialog({ title, body, confirmLabel, danger, onChoice }: ConfirmOptions & { onChoice: (confirmed: boolean) => void }): React.JSX.Element {
  const t = useT()
  return (
    <Dialog
      role="alertdialog"
      title={title}
      onClose={() => onChoice(false)}
      actions={
        <>
          <Button data-autofocus onClick={() => onChoice(false)}>
            {t('common.cancel')}
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} onClick={() => onChoice(true)}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <p>{body}</p>
    </Dialog>
  )
}

/**
 * `const [confirmDialog, confirm] = useConfirm()`: render `confirmDialog`, and
 * `if (await confirm({...})) doIt()`.
 */
export function useConfirm(): [ReactNode, (options: ConfirmOptions) => Promise<boolean>] {
  const [pending, setPending] = useState<ConfirmOptions | null>(null)
  const resolver = useRef<((confirmed: boolean) => void) | null>(null)
  const confirm = useCallback(
    (options: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        resolver.current?.(false)
        resolver.current = resolve
        setPending(options)
      }),
    []
  )
  const element = pending ? (
    <ConfirmDialog
      {...pending}
      onChoice={(confirmed) => {
        setPending(null)
        resolver.current?.(confirmed)
        resolver.current = null
      }}
    />
  ) : null
  return [element, confirm]
}
