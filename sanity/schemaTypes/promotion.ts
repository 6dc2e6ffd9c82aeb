import { defineField, defineType } from 'sanity'
import { API_VERSION } from '../api-version'
import { PROMOTION_CODE } from '../promotionCode'

type PromotionDraft = { discountType?: 'percent' | 'amount'; startsAt?: string }

const parentOf = (context: { parent?: unknown }) => (context.parent ?? {}) as PromotionDraft

/** A discount amount field: shown, and required, only for its kind of discount. */
function discountAmountField(
  name: string,
  title: string,
  kind: NonNullable<PromotionDraft['discountType']>,
  max: number,
  description?: string,
) {
  return defineField({
    name,
    title,
    type: 'number',
    description,
    hidden: ({ parent }) => (parent as PromotionDraft | undefined)?.discountType !== kind,
    validation: (rule) =>
      rule
        .integer()
        .min(1)
        .max(max)
        .custom((value, context) =>
          parentOf(context).discountType === kind && value === undefined ? 'Required' : true,
        ),
  })
}

/** A code buyers type in the cart. Redemptions are counted by the store, never by editors. */
export const promotion = defineType({
  name: 'promotion',
  title: 'Promotion code',
  type: 'document',
  fields: [
    defineField({
      name: 'code',
      type: 'string',
      description:
        'Capital letters, digits, - and _, 3 to 32 characters. Buyers may type it in any case.',
      validation: (rule) =>
        rule
          .required()
          .regex(PROMOTION_CODE, { name: 'code' })
          .custom(async (code, context) => {
            if (!code) return true
            const id = context.document?._id.replace(/^drafts\./, '')
            const taken = await context
              .getClient({ apiVersion: API_VERSION })
              .fetch('count(*[_type == "promotion" && code == $code && !(_id in [$id, $draft])])', {
                code,
                id,
                draft: `drafts.${id}`,
              })
            return taken > 0 ? 'Another promotion already uses this code' : true
          }),
    }),
    defineField({
      name: 'description',
      type: 'string',
      description: 'For editors: what the promotion is for.',
      validation: (rule) => rule.max(200),
    }),
    defineField({
      name: 'active',
      type: 'boolean',
      initialValue: true,
      description: 'Switch off to stop the code at once.',
    }),
    defineField({
      name: 'discountType',
      title: 'Discount',
      type: 'string',
      options: {
        list: [
          { title: 'Percent off', value: 'percent' },
          { title: 'Fixed amount off', value: 'amount' },
        ],
        layout: 'radio',
      },
      initialValue: 'percent',
      validation: (rule) => rule.required(),
    }),
    discountAmountField('percentOff', 'Percent off', 'percent', 100),
    discountAmountField(
      'amountOffCents',
      'Amount off (cents)',
      'amount',
      10_000_000,
      'In the smallest currency unit: 500 is $5.00. Never takes the goods below zero.',
    ),
    defineField({
      name: 'minSubtotalCents',
      title: 'Minimum goods total (cents)',
      type: 'number',
      description: 'Optional: the cart must reach this before the code applies.',
      validation: (rule) => rule.integer().min(0).max(10_000_000),
    }),
    defineField({ name: 'startsAt', title: 'Valid from', type: 'datetime' }),
    defineField({
      name: 'endsAt',
      title: 'Valid until',
      type: 'datetime',
      validation: (rule) =>
        rule.custom((end, context) => {
          const start = parentOf(context).startsAt
          return end && start && Date.parse(end) <= Date.parse(start)
            ? 'Must be after "Valid from"'
            : true
        }),
    }),
    defineField({
      name: 'maxRedemptions',
      title: 'Maximum redemptions',
      type: 'number',
      description: 'Optional: how many orders may use the code in total.',
      validation: (rule) => rule.integer().min(1).max(10_000_000),
    }),
    // Its uses are counted in PostgreSQL, so publishing a copy of the code can never reset them.
  ],
  preview: {
    select: {
      code: 'code',
      type: 'discountType',
      percent: 'percentOff',
      amount: 'amountOffCents',
      active: 'active',
      used: 'redemptions',
      max: 'maxRedemptions',
    },
    prepare: ({ code, type, percent, amount, active, used, max }) => ({
      title: code ?? 'New code',
      subtitle: `${type === 'amount' ? `$${((amount ?? 0) / 100).toFixed(2)} off` : `${percent ?? 0}% off`} · used ${used ?? 0}${max ? ` of ${max}` : ''}${active === false ? ' · off' : ''}`,
    }),
  },
})
