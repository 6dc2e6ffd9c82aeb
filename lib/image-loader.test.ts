import { describe, expect, it } from 'vitest'
import loader from './image-loader'

describe('sanity image loader', () => {
  it('adds width, quality and format parameters to absolute URLs', () => {
    const url = new URL(loader({ src: 'https://cdn.sanity.io/images/p/d/abc-10x10.png', width: 640 }))
    expect(Object.fromEntries(url.searchParams)).toEqual({ w: '640', q: '75', auto: 'format', fit: 'max' })
  })

  it('keeps existing parameters and relative paths', () => {
    expect(loader({ src: '/logo.png?v=2', width: 32, quality: 90 })).toBe('/logo.png?v=2&w=32&q=90&auto=format&fit=max')
  })
})
