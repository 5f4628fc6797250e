/** A labelled whole-number input that saves when the user leaves it (not on every keystroke). */
export function IntegerField(props: {
  label: string
  min: number
  max: number
  value: number
  onCommit: (value: number) => void
}): React.JSX.Element {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="number"
        min={props.min}
        max={props.max}
        defaultValue={props.value}
        onBlur={(e) => {
          const v = Number(e.target.value)
          if (Number.isInteger(v)) props.onCommit(v)
        }}
      />
    </label>
  )
}
