import { defineArrayMember, defineField, defineType } from 'sanity'

/** Written only by the Stripe webhook; read-only for editors. */
export const orderLine = defineType({
  name: 'orderLine',
  title: 'Line',
  type: 'object',
  readOnly: true,
  fields: [
    defineField({ name: 'product', type: 'reference', to: [{ type: 'product' }], weak: true }),
    defineField({ name: 'variantKey', type: 'string' }),
    defineField({ name: 'title', type: 'string' }),
    defineField({ name: 'variantTitle', type: 'string' }),
    defineField({ name: 'sku', title: 'SKU', type: 'string' }),
    defineField({ name: 'quantity', type: 'number' }),
    defineField({ name: 'unitAmount', title: 'Unit amount (cents)', type: 'number' }),
    defineField({
      name: 'amount',
      title: 'Line total after discount, without tax (cents)',
      type: 'number',
    }),
    defineField({
      name: 'article',
      title: 'Attributed article',
      type: 'reference',
      to: [{ type: 'article' }],
      weak: true,
    }),
  ],
})

export const order = defineType({
  name: 'order',
  title: 'Order',
  type: 'document',
  readOnly: true,
  fields: [
    defineField({ name: 'orderNumber', type: 'string' }),
    defineField({ name: 'stripeSessionId', type: 'string' }),
    defineField({ name: 'paymentIntentId', type: 'string' }),
    defineField({ name: 'email', type: 'string' }),
    defineField({
      name: 'hasAccount',
      title: 'Buyer has an account',
      type: 'boolean',
      description:
        'Whether the order belongs to a customer account. The account itself lives in the store, never here.',
    }),
    defineField({
      name: 'emailStatus',
      title: 'Email to the buyer',
      type: 'string',
      options: { list: ['pending', 'sent', 'failed'] },
      description:
        'failed: the store retried the latest email for a day and gave up. Queue it again with `npm run outbox:retry -- <order id>`.',
    }),
    defineField({
      name: 'status',
      type: 'string',
      options: {
        list: [
          'paid',
          'refund_pending',
          'refunded',
          'partially_refunded',
          'disputed',
          'dispute_lost',
        ],
      },
    }),
    defineField({
      name: 'note',
      type: 'string',
      description:
        'Why an order was refunded or cancelled automatically (e.g. stock ran out while paying), or disputed.',
    }),
    defineField({ name: 'lines', type: 'array', of: [defineArrayMember({ type: 'orderLine' })] }),
    defineField({ name: 'currency', type: 'string' }),
    defineField({ name: 'amountSubtotal', type: 'number' }),
    defineField({ name: 'amountDiscount', type: 'number' }),
    defineField({ name: 'amountShipping', type: 'number' }),
    defineField({
      name: 'amountTax',
      type: 'number',
      description:
        'Calculated by Stripe Tax (0 when it is off): added to the total, or included in it when prices include tax.',
    }),
    defineField({ name: 'shippingMethod', type: 'string' }),
    defineField({
      name: 'promotion',
      type: 'object',
      fields: [
        defineField({ name: 'code', type: 'string' }),
        defineField({
          name: 'ref',
          title: 'Promotion',
          type: 'reference',
          to: [{ type: 'promotion' }],
          weak: true,
        }),
      ],
    }),
    defineField({ name: 'amountTotal', type: 'number' }),
    defineField({
      name: 'amountRefunded',
      type: 'number',
      description: 'Refunded so far, by the store or in the Stripe Dashboard.',
    }),
    defineField({
      name: 'shippingAddress',
      type: 'object',
      fields: ['name', 'line1', 'line2', 'city', 'state', 'postalCode', 'country'].map((name) =>
        defineField({ name, type: 'string' }),
      ),
    }),
    defineField({ name: 'createdAt', type: 'datetime' }),
    // When the order last changed in PostgreSQL, the record: the mirror is rewritten only when this moves.
    defineField({ name: 'recordedAt', type: 'datetime', hidden: true }),
  ],
  orderings: [
    { title: 'Newest', name: 'createdAtDesc', by: [{ field: 'createdAt', direction: 'desc' }] },
  ],
  preview: {
    select: {
      title: 'orderNumber',
      email: 'email',
      total: 'amountTotal',
      status: 'status',
      emailStatus: 'emailStatus',
    },
    prepare: ({ title, email, total, status, emailStatus }) => ({
      title: `${title ?? 'Order'} · $${((total ?? 0) / 100).toFixed(2)}`,
      subtitle: `${status ?? ''} · ${email ?? ''}${emailStatus === 'failed' ? ' · email failed' : ''}`,
    }),
  },
})
