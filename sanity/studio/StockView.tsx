'use client'

import { Box, Button, Card, Flex, Grid, Heading, Select, Stack, Text, TextInput } from '@sanity/ui'
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useClient } from 'sanity'
import { PanelError, PanelLoading } from './PanelState'

/**
 * The "Stock" view of a product: stock is not content, so it lives in the store's PostgreSQL and
 * this view reads and changes it through the store's own route, which the Studio shares an origin
 * with. Locally the route knows the editor by the Studio's access; with a real Sanity project by
 * the editor's Sanity token, sent as a bearer token (the Studio signs in with `loginMethod: 'token'`).
 */
const STOCK_API = '/api/studio/stock'

type Counts = { onHand: number; held: number; sold: number; available: number }
type Variant = Counts & { key: string; title: string | null; sku: string | null }
type Change = {
  id: number
  variantKey: string
  kind: 'restock' | 'correction'
  fromOnHand: number
  toOnHand: number
  editor: string
  note: string | null
  createdAt: string
}
type Stock = { variants: Variant[]; changes: Change[]; editor: { name: string; canChange: boolean } }
type Kind = Change['kind']

/** crypto.randomUUID exists only on secure pages; an editor may reach a password-protected local Studio over plain http. */
function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const hex = [...b].map((n) => n.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const authorization = (token: string | undefined): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {})

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => null)) as (T & { error?: string }) | null
  if (!res.ok) throw new Error(body?.error ?? `The store answered ${res.status}`)
  return body as T
}

const CELL = { padding: '8px 6px', borderBottom: '1px solid var(--card-border-color)' } as const
const COUNTS = ['onHand', 'held', 'sold', 'available'] as const
const COUNT_TITLES = { onHand: 'On hand', held: 'Held', sold: 'Sold', available: 'Available' }

export function StockView({ documentId, document }: { documentId: string; document: { displayed: { variants?: unknown } } }) {
  const token = useClient({ apiVersion: '2025-02-19' }).config().token
  const [stock, setStock] = useState<Stock | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)

  // Bumped to read the counts again (after a change, or on Refresh).
  const [version, setVersion] = useState(0)
  const reload = useCallback(() => setVersion((v) => v + 1), [])
  useEffect(() => {
    let current = true
    fetch(`${STOCK_API}?productId=${encodeURIComponent(documentId)}`, { headers: authorization(token), cache: 'no-store' })
      .then((res) => answer<Stock>(res))
      .then(
        (read) => {
          if (!current) return
          setStock(read)
          setLoadError(null)
        },
        (error: Error) => {
          if (current) setLoadError(error.message)
        },
      )
    return () => {
      current = false
    }
  }, [documentId, token, version])

  if (loadError && !stock) return <PanelError message={loadError} testId="stock-error" />
  if (!stock) return <PanelLoading />

  const titles = new Map(stock.variants.map((v) => [v.key, v.title ?? v.key]))
  const drafted = Array.isArray(document.displayed.variants) ? document.displayed.variants.length : 0
  return (
    <Box padding={4}>
      <Stack gap={5}>
        <Stack gap={3}>
          <Flex align="center" justify="space-between" gap={3}>
            <Heading size={1}>Stock</Heading>
            <Button mode="ghost" text="Refresh" fontSize={1} padding={2} onClick={reload} />
          </Flex>
          <Text size={1} muted>
            Counts are kept by the store, not in this document, and the site shows a change at once. Held units are promised to buyers at
            checkout right now; available is on hand minus held.
          </Text>
          <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="stock-table">
            <thead>
              <tr>
                {['Variant', ...COUNTS.map((c) => COUNT_TITLES[c])].map((h, i) => (
                  <th key={h} style={{ ...CELL, textAlign: i === 0 ? 'left' : 'right' }}>
                    <Text size={1} weight="semibold">
                      {h}
                    </Text>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stock.variants.map((variant) => (
                <tr key={variant.key} data-testid={`stock-row-${variant.key}`}>
                  <td style={CELL}>
                    <Text size={1}>{variant.title ?? variant.key}</Text>
                    {variant.sku && (
                      <Box marginTop={2}>
                        <Text size={0} muted>
                          {variant.sku}
                        </Text>
                      </Box>
                    )}
                  </td>
                  {COUNTS.map((count) => (
                    <td key={count} style={{ ...CELL, textAlign: 'right' }} data-testid={`stock-${count}`}>
                      <Text size={1}>{variant[count]}</Text>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {drafted > stock.variants.length && (
            <Text size={1} muted>
              Variants added since the last publish get stock once the product is published.
            </Text>
          )}
        </Stack>

        {stock.editor.canChange ? (
          <StockChangeForm productId={documentId} variants={stock.variants} token={token} onChanged={reload} />
        ) : (
          <Card padding={3} tone="caution" radius={2}>
            <Text size={1}>Your role in this project may look at stock but not change it.</Text>
          </Card>
        )}

        <Stack gap={3}>
          <Heading size={0} as="h3">
            Recent changes
          </Heading>
          {stock.changes.length === 0 ? (
            <Text size={1} muted>
              No restocks or corrections yet.
            </Text>
          ) : (
            <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="stock-history">
              <thead>
                <tr>
                  {['When', 'Variant', 'Change', 'On hand', 'Who', 'Note'].map((h) => (
                    <th key={h} style={{ ...CELL, textAlign: 'left' }}>
                      <Text size={1} weight="semibold">
                        {h}
                      </Text>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {stock.changes.map((change) => (
                  <tr key={change.id}>
                    <td style={CELL}>
                      <Text size={1}>{new Date(change.createdAt).toLocaleString()}</Text>
                    </td>
                    <td style={CELL}>
                      <Text size={1}>{titles.get(change.variantKey) ?? change.variantKey}</Text>
                    </td>
                    <td style={CELL}>
                      <Text size={1}>{change.kind === 'restock' ? 'Restock' : 'Correction'}</Text>
                    </td>
                    <td style={CELL}>
                      <Text size={1}>
                        {change.fromOnHand} → {change.toOnHand}
                      </Text>
                    </td>
                    <td style={CELL}>
                      <Text size={1}>{change.editor}</Text>
                    </td>
                    <td style={CELL}>
                      <Text size={1} muted>
                        {change.note ?? ''}
                      </Text>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Stack>
      </Stack>
    </Box>
  )
}

type FormProps = { productId: string; variants: Variant[]; token: string | undefined; onChanged: () => void }

function StockChangeForm({ productId, variants, token, onChanged }: FormProps) {
  const id = useId()
  const [variantKey, setVariantKey] = useState(variants[0]?.key ?? '')
  const [kind, setKind] = useState<Kind>('restock')
  const [units, setUnits] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ tone: 'positive' | 'critical'; message: string } | null>(null)
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
      const done = await answer<{ applied: boolean; change: Change }>(res)
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
              <Select id={`${id}-variant`} value={variantKey} onChange={(e) => setVariantKey(e.currentTarget.value)}>
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
              <Select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
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
              <TextInput id={`${id}-note`} maxLength={500} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            </Stack>
          </Grid>
          <Flex gap={3} align="center">
            <Button type="submit" tone="primary" text={busy ? 'Saving…' : 'Record'} disabled={busy || !variantKey} />
            {outcome && (
              <Card padding={2} radius={2} tone={outcome.tone} role="status">
                <Text size={1}>{outcome.message}</Text>
              </Card>
            )}
          </Flex>
          {kind === 'correction' && (
            <Text size={1} muted>
              A correction sets on hand to what you counted. It cannot go below the units held by open checkouts.
            </Text>
          )}
        </Stack>
      </form>
    </Card>
  )
}
