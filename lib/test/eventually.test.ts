import { describe, expect, it } from 'vitest'
import { eventually } from './eventually'

describe('eventually', () => {
  it('returns the first value that passes', async () => {
    let n = 0
    expect(
      await eventually(
        'n to reach 3',
        async () => ++n,
        (v) => v >= 3,
        { intervalMs: 1 },
      ),
    ).toBe(3)
  })

  it('throws on timeout, naming what it waited for and the last value seen', async () => {
    await expect(
      eventually(
        'the order to be paid',
        async () => ({ status: 'open' }),
        (o) => o.status === 'paid',
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow(
      'Timed out after 30 ms waiting for the order to be paid; last value seen: {"status":"open"}',
    )
  })
})
