import { forwardRef, type ButtonHTMLAttributes } from 'react'

export type ButtonVariant = 'default' | 'primary' | 'danger' | 'link' | 'link-danger'

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant
}

const CLASS: Record<ButtonVariant, string> = {
  default: 'btn',
  primary: 'btn primary',
  danger: 'btn danger',
  link: 'btn link',
  'link-danger': 'btn link danger'
}

/** The one button: `type="button"` unless told otherwise, so it never submits a form by accident. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ variant = 'default', className, type = 'button', ...rest }, ref) {
  return <button ref={ref} type={type} className={className ? `${CLASS[variant]} ${className}` : CLASS[variant]} {...rest} />
})
