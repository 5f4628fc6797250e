/** The renderer's UI kit: every page builds from these, so all areas look and behave alike. */
export { Badge, type BadgeTone } from './Badge'
export { Button, type ButtonProps, type ButtonVariant } from './Button'
export { Card } from './Card'
export { ConfirmDialog, useConfirm, type ConfirmOptions } from './Confirm'
export { Dialog, type DialogProps } from './Dialog'
export { EmptyState } from './EmptyState'
export { CheckboxField, Field, SelectField, TextField, type FieldControlProps, type FieldProps } from './Field'
export { List, ListRow, type ListRowProps } from './ListRow'
