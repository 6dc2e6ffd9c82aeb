'use client'

import { Box, Button, Card, Flex, Heading, Stack, Text } from '@sanity/ui'
import { PanelError, PanelLoading } from '../PanelState'
import { StockChangeForm } from './StockChangeForm'
import { StockCounts } from './StockCounts'
import { StockHistory } from './StockHistory'
import { useStock } from './useStock'

/** The "Stock" view of a product: its counts, a form to change them (for editors who may), and its history. */
export function StockView({
  documentId,
  document,
}: {
  documentId: string
  document: { displayed: { variants?: unknown } }
}) {
  const { token, stock, loadError, reload } = useStock(documentId)

  if (loadError && !stock) return <PanelError message={loadError} testId="stock-error" />
  if (!stock) return <PanelLoading />

  const drafted = Array.isArray(document.displayed.variants)
    ? document.displayed.variants.length
    : 0
  return (
    <Box padding={4}>
      <Stack gap={5}>
        <Stack gap={3}>
          <Flex align="center" justify="space-between" gap={3}>
            <Heading size={1}>Stock</Heading>
            <Button mode="ghost" text="Refresh" fontSize={1} padding={2} onClick={reload} />
          </Flex>
          <Text size={1} muted>
            Counts are kept by the store, not in this document, and the site shows a change at once.
            Held units are promised to buyers at checkout right now; available is on hand minus
            held.
          </Text>
          <StockCounts variants={stock.variants} />
          {drafted > stock.variants.length && (
            <Text size={1} muted>
              Variants added since the last publish get stock once the product is published.
            </Text>
          )}
        </Stack>

        {stock.editor.canChange ? (
          <StockChangeForm
            productId={documentId}
            variants={stock.variants}
            token={token}
            onChanged={reload}
          />
        ) : (
          <Card padding={3} tone="caution" radius={2}>
            <Text size={1}>Your role in this project may look at stock but not change it.</Text>
          </Card>
        )}

        <StockHistory stock={stock} />
      </Stack>
    </Box>
  )
}
