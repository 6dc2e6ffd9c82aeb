/** What a promotion code may look like: shared by the schema (Studio validation) and the store (input). */
export const PROMOTION_CODE = /^[A-Z0-9_-]{3,32}$/
