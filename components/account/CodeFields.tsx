import { useId } from 'react'
import { alert, fieldLabel, note, textField } from '../styles'

/**
 * The 6-digit code from an email, under the note that says where it went. The field takes focus
 * when this step appears and is described by the note, so a screen reader hears both at once; the
 * emailed link fills the code in.
 */
export function CodeField({ defaultValue, sent }: { defaultValue?: string; sent: string }) {
  const sentId = useId()
  return (
    <>
      <p id={sentId} className={note} data-testid="code-sent">
        {sent}
      </p>
      <label className={fieldLabel}>
        Code
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          autoFocus
          aria-describedby={sentId}
          defaultValue={defaultValue}
          className={textField}
        />
      </label>
    </>
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
