const MAX_QUERY_LENGTH = 100
const MAX_TERMS = 8

/**
 * The visitor's words as GROQ `match` patterns: letters and digits only (so nothing they type is
 * a pattern operator), at most eight, the last one a prefix. Null when there is nothing to find.
 */
export function searchTerms(query: string | undefined): string[] | null {
  const words = (query ?? '')
    .slice(0, MAX_QUERY_LENGTH)
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu)
    ?.slice(0, MAX_TERMS)
  if (!words?.length) return null
  return words.map((word, i) => (i === words.length - 1 ? `${word}*` : word))
}
