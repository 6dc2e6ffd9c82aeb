import { defineArrayMember, defineField, defineType } from 'sanity'

/**
 * Stock held for one cart while its buyer is on Stripe Checkout. Written only by the server:
 * created with the stock reservation, completed by the paid webhook, released on expiry.
 */
export const reservation = defineType({
  name: 'reservation',
  title: 'Stock reservation',
  type: 'document',
  readOnly: true,
  fields: [
    defineField({ name: 'status', type: 'string', options: { list: ['reserved', 'completed', 'released'] } }),
    defineField({ name: 'attempt', type: 'number' }),
    defineField({ name: 'sessionId', type: 'string' }),
    defineField({ name: 'checkoutUrl', type: 'url' }),
    defineField({
      name: 'lines',
      type: 'array',
      of: [
        defineArrayMember({
          name: 'reservationLine',
          type: 'object',
          fields: [
            defineField({ name: 'productId', type: 'string' }),
            defineField({ name: 'variantKey', type: 'string' }),
            defineField({ name: 'quantity', type: 'number' }),
            defineField({ name: 'articleId', type: 'string' }),
          ],
        }),
      ],
    }),
    defineField({ name: 'promotionId', title: 'Promotion redemption held', type: 'string' }),
    defineField({ name: 'cartId', title: 'Cart', type: 'string' }),
    defineField({ name: 'holder', title: 'Client (keyed hash of its address)', type: 'string' }),
    defineField({ name: 'createdAt', type: 'datetime' }),
  ],
})
