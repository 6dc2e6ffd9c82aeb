/** Flat-rate standard shipping, free from a threshold. (Rates become editable content later.) */
export const FREE_SHIPPING_FROM_CENTS = 7500
export const STANDARD_SHIPPING_CENTS = 595

export function standardShipping(subtotalCents: number) {
  return { name: 'Standard shipping (3–5 business days)', amount: subtotalCents >= FREE_SHIPPING_FROM_CENTS ? 0 : STANDARD_SHIPPING_CENTS }
}
