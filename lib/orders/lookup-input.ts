import { z } from 'zod'

/** "Find my order": the email the order was placed with and its number (RW-XXXXXXXX, any case). */
export const orderLookupInput = z.object({
  email: z
    .string()
    .trim()
    .max(254, 'That email address is too long')
    .pipe(z.email('Enter the email address you ordered with')),
  orderNumber: z
    .string()
    .trim()
    .max(32, 'That order number is too long')
    .transform((value) => value.toUpperCase())
    .pipe(z.string().regex(/^RW-[0-9A-F]{8}$/, 'Order numbers look like RW-1A2B3C4D')),
})

/** One answer for every request, found or not, so the form says nothing about who has ordered. */
export const LOOKUP_ANSWER =
  'If that order number matches that email address, we have sent the link to your order there. It can take a minute to arrive.'
