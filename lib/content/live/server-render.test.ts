import { afterEach, expect, it, vi } from 'vitest'
import { loadConfig, REAL } from '../../test/config'

afterEach(() => vi.unstubAllEnvs())

it("with a real project, readers' pages listen on Sanity's live events URL, which the page's CSP lets them open", async () => {
  await loadConfig({ ...REAL, SANITY_DATASET: 'shop' })
  const { publishedEventsUrl } = await import('./server-render')
  const { storefrontPolicy } = await import('../../security/policy')

  const url = new URL(await publishedEventsUrl())
  expect(url.href).toBe(
    'https://abc123.api.sanity.io/v2025-02-19/data/live/events/shop?tag=next-loader.live',
  )
  const connect = storefrontPolicy('nonce', false)
    .split('; ')
    .find((directive) => directive.startsWith('connect-src '))
  expect(connect?.split(' ')).toContain(url.origin)
})
