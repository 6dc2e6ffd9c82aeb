/** The cell style the Stock view's tables share. */
export const CELL = {
  padding: '8px 6px',
  borderBottom: '1px solid var(--card-border-color)',
} as const
