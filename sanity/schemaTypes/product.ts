import { defineArrayMember, defineField, defineType } from 'sanity'
import { TAX_CODE } from '../../lib/tax-code'
import { imageWithAlt, slugFrom } from './fields'

const nonNegativeInteger = (rule: import('sanity').NumberRule) => rule.required().integer().min(0)

export const productVariant = defineType({
  name: 'productVariant',
  title: 'Variant',
  type: 'object',
  fields: [
    defineField({ name: 'title', type: 'string', validation: (rule) => rule.required().max(60) }),
    defineField({
      name: 'sku',
      title: 'SKU',
      type: 'string',
      validation: (rule) => rule.required().regex(/^[A-Z0-9-]+$/),
    }),
    defineField({
      name: 'priceCents',
      title: 'Price (cents)',
      type: 'number',
      description: 'In the smallest currency unit: 2400 is $24.00.',
      validation: (rule) => nonNegativeInteger(rule).max(10_000_000),
    }),
    defineField({
      name: 'currency',
      type: 'string',
      options: { list: [{ title: 'US dollar', value: 'usd' }] },
      initialValue: 'usd',
      validation: (rule) => rule.required(),
    }),
    // Stock counts are not content: they live in PostgreSQL, where a publish can never overwrite them.
  ],
  preview: {
    select: { title: 'title', sku: 'sku', price: 'priceCents' },
    prepare: ({ title, sku, price }) => ({
      title,
      subtitle: `${sku} · $${((price ?? 0) / 100).toFixed(2)}`,
    }),
  },
})

export const product = defineType({
  name: 'product',
  title: 'Product',
  type: 'document',
  fields: [
    defineField({ name: 'title', type: 'string', validation: (rule) => rule.required().max(80) }),
    slugFrom('title'),
    defineField({
      name: 'category',
      type: 'reference',
      to: [{ type: 'category' }],
      validation: (rule) => rule.required(),
    }),
    defineField({ name: 'tagline', type: 'string', validation: (rule) => rule.max(120) }),
    defineField({
      name: 'images',
      type: 'array',
      of: [defineArrayMember(imageWithAlt('image', 'Image'))],
      validation: (rule) => rule.required().min(1),
    }),
    defineField({
      name: 'description',
      type: 'text',
      rows: 5,
      validation: (rule) => rule.required().max(2000),
    }),
    defineField({
      name: 'variants',
      type: 'array',
      of: [defineArrayMember({ type: 'productVariant' })],
      validation: (rule) => rule.required().min(1),
    }),
    defineField({
      name: 'badges',
      type: 'array',
      of: [defineArrayMember({ type: 'string' })],
      options: { layout: 'tags' },
    }),
    defineField({ name: 'featured', type: 'boolean', initialValue: false }),
    defineField({
      name: 'taxCode',
      title: 'Stripe tax code',
      type: 'string',
      description:
        "Used only when the store has Stripe Tax on: the product's tax category, e.g. txcd_99999999 (general goods). Empty: the default tax code in Stripe's tax settings. Codes: docs.stripe.com/tax/tax-codes",
      validation: (rule) =>
        rule.custom((code) =>
          code === undefined || TAX_CODE.test(code)
            ? true
            : 'A Stripe tax code: txcd_ and 8 digits, e.g. txcd_99999999',
        ),
    }),
  ],
  preview: { select: { title: 'title', subtitle: 'category.title', media: 'images.0' } },
})
