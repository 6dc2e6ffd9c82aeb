/**
 * The Sanity API version every client of the store's content speaks, in the Studio, the store
 * and the test stacks: one date, so a bump changes them all.
 */
export const API_VERSION = '2025-02-19'
