import { describe, expect, it } from 'vitest'
import { searchTerms } from './search'

describe('searchTerms', () => {
  it('keeps words, lower-cases them and makes the last a prefix', () => {
    expect(searchTerms('Magnesium for LEGS')).toEqual(['magnesium', 'for', 'legs*'])
  })
  it('drops pattern operators and punctuation', () => {
    expect(searchTerms('mag* "legs" (sleep) || !x')).toEqual(['mag', 'legs', 'sleep', 'x*'])
  })
  it('is null when there is nothing to search for', () => {
    expect(searchTerms(undefined)).toBeNull()
    expect(searchTerms('  ?!  ')).toBeNull()
  })
  it('bounds the length and the number of words', () => {
    expect(searchTerms('a '.repeat(500))).toHaveLength(8)
  })
})
