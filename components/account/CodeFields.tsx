import { alert, fieldLabel, textField } from '../styles'

/** The 6-digit code from an email; the emailed link fills it in. */
export function CodeField({ defaultValue }: { defaultValue?: string }) {
  return (
    <label className={fieldLabel}>
      Code
      <input
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        defaultValue={defaultValue}
        className={textField}
      />
    </label>
  )
}

/** Where a form's failure is read out: the region stays in the page, so a screen reader hears each new message. */
export function FormError({ error }: { error: string | null }) {
  return (
    <div aria-live="polite">
      {error && (
        <p role="alert" className={alert}>
          {error}
        </p>
      )}
    </div>
  )
}

/** The value of one field of a submitted form, trimmed. */
export const fieldValue = (form: HTMLFormElement, name: string) =>
  String(new FormData(form).get(name) ?? '').trim()
