const formatters = new Map<string, Intl.NumberFormat>()

/** Formats an amount in the smallest currency unit (cents) for display. */
export function formatMoney(cents: number, currency = 'usd') {
  const code = currency.toUpperCase()
  let formatter = formatters.get(code)
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency: code })
    formatters.set(code, formatter)
  }
  return formatter.format(cents / 100)
}
