/** A Stripe tax code id (its tax category): `txcd_` and eight digits, e.g. txcd_99999999 for general goods. */
export const TAX_CODE = /^txcd_\d{8}$/
