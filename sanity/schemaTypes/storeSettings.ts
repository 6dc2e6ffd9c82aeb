import { defineArrayMember, defineField, defineType, type NumberRule } from 'sanity'

/** The one settings document. Its id is fixed so the store and the Studio find the same one. */
export const STORE_SETTINGS_ID = 'storeSettings'

const cents = (rule: NumberRule) => rule.integer().min(0).max(10_000_000)

export const shippingRate = defineType({
  name: 'shippingRate',
  title: 'Shipping rate',
  type: 'object',
  fields: [
    defineField({
      name: 'title',
      type: 'string',
      description: 'Shown at checkout, e.g. "Express".',
      validation: (rule) => rule.required().max(60),
    }),
    defineField({
      name: 'amountCents',
      title: 'Price (cents)',
      type: 'number',
      description: 'In the smallest currency unit: 595 is $5.95.',
      validation: (rule) => cents(rule).required(),
    }),
    defineField({
      name: 'freeFromCents',
      title: 'Free from (cents)',
      type: 'number',
      description:
        'Free when the goods, after any discount, reach this amount. Leave empty to always charge.',
      validation: cents,
    }),
    defineField({
      name: 'minDays',
      title: 'Delivery: fastest (business days)',
      type: 'number',
      validation: (rule) => rule.required().integer().min(1).max(60),
    }),
    defineField({
      name: 'maxDays',
      title: 'Delivery: slowest (business days)',
      type: 'number',
      validation: (rule) =>
        rule
          .required()
          .integer()
          .min(1)
          .max(60)
          .custom((max, context) => {
            const min = (context.parent as { minDays?: number } | undefined)?.minDays
            return typeof max === 'number' && typeof min === 'number' && max < min
              ? 'Must not be faster than the fastest delivery'
              : true
          }),
    }),
  ],
  preview: {
    select: {
      title: 'title',
      amount: 'amountCents',
      free: 'freeFromCents',
      min: 'minDays',
      max: 'maxDays',
    },
    prepare: ({ title, amount, free, min, max }) => ({
      title,
      subtitle: `$${((amount ?? 0) / 100).toFixed(2)}${typeof free === 'number' ? `, free from $${(free / 100).toFixed(2)}` : ''} · ${min}–${max} days`,
    }),
  },
})

export const storeSettings = defineType({
  name: 'storeSettings',
  title: 'Store settings',
  type: 'document',
  fields: [
    defineField({
      name: 'shippingRates',
      title: 'Shipping rates',
      type: 'array',
      description:
        'Offered at checkout in this order; the first is preselected. Stripe allows at most five.',
      of: [defineArrayMember({ type: 'shippingRate' })],
      validation: (rule) => rule.required().min(1).max(5),
    }),
    defineField({
      name: 'lowStockThreshold',
      title: 'Low-stock threshold',
      type: 'number',
      description: 'Products with this many units or fewer show "Only N left".',
      initialValue: 5,
      validation: (rule) => rule.required().integer().min(0).max(1000),
    }),
  ],
  preview: { prepare: () => ({ title: 'Store settings' }) },
})
