import { describe, expect, it } from 'vitest'
import { withKeys } from './keyed-lock'

const tick = () => new Promise((r) => setTimeout(r, 5))

describe('withKeys', () => {
  it('runs tasks that share a key one at a time, in arrival order', async () => {
    const log: string[] = []
    let inside = 0
    let most = 0
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) =>
        withKeys(['product-1'], async () => {
          inside++
          most = Math.max(most, inside)
          log.push(name)
          await tick()
          inside--
        }),
      ),
    )
    expect(most).toBe(1)
    expect(log).toEqual(['a', 'b', 'c', 'd'])
  })

  it('lets tasks on other keys run at the same time, and overlapping key sets never deadlock', async () => {
    let inside = 0
    let most = 0
    const task = async () => {
      inside++
      most = Math.max(most, inside)
      await tick()
      inside--
    }
    await Promise.all([withKeys(['x'], task), withKeys(['y'], task)])
    expect(most).toBe(2)
    await expect(Promise.all([withKeys(['p', 'q'], tick), withKeys(['q', 'p'], tick), withKeys(['q'], tick)])).resolves.toBeDefined()
  })

  it('passes on a failure to its caller only, and frees the key', async () => {
    await expect(withKeys(['k'], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(withKeys(['k'], async () => 'next')).resolves.toBe('next')
  })
})
