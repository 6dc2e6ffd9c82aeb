import { Section, Text, Row, Column, Hr } from '@react-email/components'
import { EmailButton, EmailLayout, muted, text } from './layout'
import { formatMoney } from '../money'
import type { Order } from '../orders/records'
import { orderTax } from '../orders/tax'

function Amount({
  label,
  cents,
  currency,
  strong = false,
}: {
  label: string
  cents: number
  currency: string
  strong?: boolean
}) {
  const style = strong ? { ...text, fontWeight: 700 } : text
  return (
    <Row>
      <Column>
        <Text style={style}>{label}</Text>
      </Column>
      <Column align="right">
        <Text style={style}>{formatMoney(cents, currency)}</Text>
      </Column>
    </Row>
  )
}

/**
 * Why the email is sent: `confirmation` once a payment is recorded as an order; `refund` when an
 * item sold out while the buyer paid and the payment was refunded; `lookup` the same order sent
 * again because someone asked for its link with "Find my order".
 */
export type OrderEmailReason = 'confirmation' | 'refund' | 'lookup'

const PREVIEW: Record<OrderEmailReason, (number: string) => string> = {
  confirmation: (number) => `Order ${number}: thank you, it is on its way soon`,
  refund: (number) => `Order ${number}: an item sold out, so we refunded your payment in full`,
  lookup: (number) => `The link to your order ${number}`,
}
const HEADING: Record<OrderEmailReason, string> = {
  confirmation: 'Thank you for your order',
  refund: 'We refunded your order',
  lookup: 'Here is your order',
}

/** The email about one order: its lines, amounts and address, and a link to its page. */
export function OrderConfirmationEmail({
  order,
  orderUrl,
  reason = 'confirmation',
}: {
  order: Order
  orderUrl: string
  reason?: OrderEmailReason
}) {
  const currency = order.currency ?? 'usd'
  const address = order.shippingAddress
  const discount = order.amountDiscount ?? 0
  const tax = orderTax(order)
  return (
    <EmailLayout preview={PREVIEW[reason](order.orderNumber)} heading={HEADING[reason]}>
      <Text style={text}>
        {reason === 'lookup' ? (
          <>
            Someone (we hope you) asked for the link to order <strong>{order.orderNumber}</strong>.
            If it was not you, you can ignore this email.
          </>
        ) : reason === 'refund' ? (
          <>
            An item in order <strong>{order.orderNumber}</strong> sold out while you were paying, so
            we have refunded your payment in full ({formatMoney(order.amountTotal ?? 0, currency)}).
            Your bank shows it within 5–10 business days. We are sorry.
          </>
        ) : (
          <>
            We have your payment for order <strong>{order.orderNumber}</strong> and will let you
            know when it ships.
          </>
        )}
      </Text>
      <Section style={{ margin: '24px 0' }}>
        {order.lines?.map((line) => (
          <Row key={line.key}>
            <Column>
              <Text style={text}>
                {line.title}
                {line.variantTitle ? ` · ${line.variantTitle}` : ''} × {line.quantity}
              </Text>
            </Column>
            <Column align="right">
              <Text style={text}>
                {formatMoney((line.unitAmount ?? 0) * (line.quantity ?? 0), currency)}
              </Text>
            </Column>
          </Row>
        ))}
        <Hr />
        <Amount label="Subtotal" cents={order.amountSubtotal ?? 0} currency={currency} />
        {discount > 0 && (
          <Amount
            label={`Discount${order.promotionCode ? ` (${order.promotionCode})` : ''}`}
            cents={-discount}
            currency={currency}
          />
        )}
        <Amount
          label={`Shipping${order.shippingMethod ? ` (${order.shippingMethod})` : ''}`}
          cents={order.amountShipping ?? 0}
          currency={currency}
        />
        {tax && !tax.included && <Amount label="Tax" cents={tax.cents} currency={currency} />}
        <Amount
          label={order.status === 'paid' ? 'Total paid' : 'Total refunded'}
          cents={order.amountTotal ?? 0}
          currency={currency}
          strong
        />
        {tax?.included && <Amount label="Includes tax" cents={tax.cents} currency={currency} />}
      </Section>
      {address && (
        <Section>
          <Text style={{ ...text, fontWeight: 700 }}>Shipping to</Text>
          <Text style={muted}>
            {[
              address.name,
              address.line1,
              address.line2,
              [address.city, address.state, address.postalCode].filter(Boolean).join(' '),
              address.country,
            ]
              .filter(Boolean)
              .join(', ')}
          </Text>
        </Section>
      )}
      <EmailButton href={orderUrl}>View your order</EmailButton>
      <Text style={muted}>Keep this email: the button opens your order without an account.</Text>
    </EmailLayout>
  )
}
