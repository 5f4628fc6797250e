import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react'

/** What a control inside a Field receives so that label, hint and error belong to it. */
export interface FieldControlProps {
  id: string
  'aria-describedby'?: string
  'aria-invalid'?: true
}

export interface FieldProps {
  label: ReactNode
  /** Plain words at the field when the value was refused (never raw validation text). */
  error?: string | null
  /** Shown under the control, e.g. the last good value while the typed one is refused. */
  hint?: string | null
  className?: string
  children: (control: FieldControlProps) => ReactNode
}

/**
 * A labelled control with its hint and inline error. The error is tied to the control with
 * aria-describedby and aria-invalid, and announced when it appears ("errors where the eye is").
 */
export function Field({ label, error, hint, className, children }: FieldProps): React.JSX.Element {
  const id = useId()
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', error ? 'invalid' : null, className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, ...(error ? { 'aria-invalid': true as const } : {}) })}
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  )
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'>

/** A text-like input in a Field. */
export function TextField({ label, error, hint, className, ...input }: InputProps & Omit<FieldProps, 'children'>): React.JSX.Element {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(control) => <input {...input} {...control} />}
    </Field>
  )
}

/** A select in a Field. */
export function SelectField({
  label,
  error,
  hint,
  className,
  children,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & Omit<FieldProps, 'children'> & { children: ReactNode }): React.JSX.Element {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(control) => (
        <select {...select} {...control}>
          {children}
        </select>
      )}
    </Field>
  )
}

/** A checkbox with its label to the right, and the same inline error as a Field. */
export function CheckboxField({ label, error, className, ...input }: Omit<InputProps, 'type'> & { label: ReactNode; error?: string | null }): React.JSX.Element {
  const id = useId()
  const errorId = `${id}-error`
  return (
    <div className={['check', error ? 'invalid' : null, className].filter(Boolean).join(' ')}>
      <input {...input} type="checkbox" id={id} aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined} />
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
