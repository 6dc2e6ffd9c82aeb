import { describe, expect, it, vi } from 'vitest'
import { responsiveImage } from './image'

vi.mock('../env', () => ({
  config: () => ({
    sanity: { projectId: 'p1', dataset: 'production', imageBaseUrl: 'https://cdn.sanity.io' },
  }),
}))

// A 2000×1000 photo the editor cropped by 10% on the left, 30% on the right and 20% at the top:
// 1200×800 pixels are left, starting at (200, 200).
const cropped = {
  crop: { left: 0.1, right: 0.3, top: 0.2, bottom: 0 },
  hotspot: { x: 0.8, y: 0.5, width: 0.1, height: 0.1 },
  asset: { _id: 'image-abc123-2000x1000-jpg', width: 2000, height: 1000 },
}

const candidates = (srcSet: string) =>
  srcSet.split(', ').map((entry) => {
    const [url, descriptor] = entry.split(' ')
    return { params: new URL(url).searchParams, width: Number(descriptor.replace('w', '')) }
  })

describe('responsiveImage', () => {
  it('gives the box the shape of the crop, not of the uploaded image', () => {
    const image = responsiveImage(cropped)
    expect(image.width / image.height).toBeCloseTo(1200 / 800)
  })

  it('asks for the cropped rectangle at every width, never wider than the crop', () => {
    const srcSet = candidates(responsiveImage(cropped).srcSet)
    expect(srcSet.map((c) => c.params.get('rect'))).toEqual(srcSet.map(() => '200,200,1200,800'))
    expect(srcSet.map((c) => c.params.get('w'))).toEqual(srcSet.map((c) => String(c.width)))
    expect(Math.max(...srcSet.map((c) => c.width))).toBe(1200)
  })

  it('cuts a square box out of the crop around the hotspot', () => {
    const image = responsiveImage(cropped, 1)
    expect(image.width).toBe(image.height)
    // The hotspot sits at x = 1600, right of the crop's middle: the 800×800 square moves as far
    // right as the crop allows (its right edge at 1400).
    for (const { params, width } of candidates(image.srcSet)) {
      expect(params.get('rect')).toBe('600,200,800,800')
      expect([params.get('w'), params.get('h')]).toEqual([String(width), String(width)])
    }
  })

  it('leaves an uncropped image whole, in its own shape', () => {
    const image = responsiveImage({ asset: cropped.asset })
    expect(image.width / image.height).toBe(2)
    expect(candidates(image.srcSet).every((c) => !c.params.has('rect'))).toBe(true)
  })
})
