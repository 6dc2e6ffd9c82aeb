import { Button, Card, Flex, Grid, Heading, Select, Stack, Text, TextInput } from '@sanity/ui'
import { useId, useRef, useState, type FormEvent } from 'react'
import type { StudioStock, StudioStockChange } from '../../../lib/studio/stock'
import { answer, authorization, STOCK_API } from './api'
import { newRequestId } from './request-id'

type Kind = StudioStockChange['change']['kind']
type FormProps = {
  productId: string
  variants: StudioStock['variants']
  token: string | undefined
  onChanged: () => void
}

/** Records a restock or a correction of one variant; `onChanged` reads the counts again after it. */
export function StockChangeForm({ productId, variants, token, onChanged }: FormProps) {
  const id = useId()
  const [variantKey, setVariantKey] = useState(variants[0]?.key ?? '')
  const [kind, setKind] = useState<Kind>('restock')
  const [units, setUnits] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ tone: 'positive' | 'critical'; message: string } | null>(
    null,
  )
  // One id per submission: sent again (a double click, or a retry after the network failed) it applies once.
  const pending = useRef<{ body: string; requestId: string } | null>(null)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy) return
    const count = Number(units)
    const change = {
      productId,
      variantKey,
      kind,
      ...(kind === 'restock' ? { quantity: count } : { onHand: count }),
      note: note.trim() || undefined,
    }
    const body = JSON.stringify(change)
    if (pending.current?.body !== body) pending.current = { body, requestId: newRequestId() }
    setBusy(true)
    setOutcome(null)
    try {
      const res = await fetch(STOCK_API, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization(token) },
        body: JSON.stringify({ ...change, requestId: pending.current.requestId }),
      })
      // An answer from the store settles this submission; a network failure leaves it to be sent again as it is.
      pending.current = null
      const done = await answer<StudioStockChange>(res)
      setOutcome({
        tone: 'positive',
        message: `${done.applied ? 'Recorded' : 'Already recorded'}: on hand ${done.change.fromOnHand} → ${done.change.toOnHand}.`,
      })
      setUnits('')
      setNote('')
      onChanged()
    } catch (error) {
      setOutcome({ tone: 'critical', message: (error as Error).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card padding={4} radius={2} border>
      <form onSubmit={submit} data-testid="stock-form">
        <Stack gap={4}>
          <Heading size={0} as="h3">
            Record a restock or a correction
          </Heading>
          <Grid columns={[1, 1, 2]} gap={4}>
            <Stack gap={2}>
              <Text as="label" htmlFor={`${id}-variant`} size={1} weight="semibold">
                Variant
              </Text>
              <Select
                id={`${id}-variant`}
                value={variantKey}
                onChange={(e) => setVariantKey(e.currentTarget.value)}
              >
                {variants.map((v) => (
                  <option key={v.key} value={v.key}>
                    {v.title ?? v.key}
                  </option>
                ))}
              </Select>
            </Stack>
            <Stack gap={2}>
              <Text as="label" htmlFor={`${id}-kind`} size={1} weight="semibold">
                Kind
              </Text>
              <Select
                id={`${id}-kind`}
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as Kind)}
              >
                <option value="restock">Restock: units received</option>
                <option value="correction">Correction: units counted on hand</option>
              </Select>
            </Stack>
            <Stack gap={2}>
              <Text as="label" htmlFor={`${id}-units`} size={1} weight="semibold">
                {kind === 'restock' ? 'Units received' : 'Units counted on hand'}
              </Text>
              <TextInput
                id={`${id}-units`}
                type="number"
                inputMode="numeric"
                min={kind === 'restock' ? 1 : 0}
                step={1}
                required
                value={units}
                onChange={(e) => setUnits(e.currentTarget.value)}
              />
            </Stack>
            <Stack gap={2}>
              <Text as="label" htmlFor={`${id}-note`} size={1} weight="semibold">
                Note (optional)
              </Text>
              <TextInput
                id={`${id}-note`}
                maxLength={500}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
              />
            </Stack>
          </Grid>
          <Flex gap={3} align="center">
            <Button
              type="submit"
              tone="primary"
              text={busy ? 'Saving…' : 'Record'}
              disabled={busy || !variantKey}
            />
            {outcome && (
              <Card padding={2} radius={2} tone={outcome.tone} role="status">
                <Text size={1}>{outcome.message}</Text>
              </Card>
            )}
          </Flex>
          {kind === 'correction' && (
            <Text size={1} muted>
              A correction sets on hand to what you counted. It cannot go below the units held by
              open checkouts.
            </Text>
          )}
        </Stack>
      </form>
    </Card>
  )
}
