import { afterEach, describe, expect, it, vi } from 'vitest'

async function boot(argv: string[], env: Record<string, string>) {
  vi.resetModules()
  vi.unstubAllEnvs()
  for (const [name, value] of Object.entries({
    RESTWELL_LOCAL_ENV: '/nonexistent/local.env',
    HOST: '127.0.0.1',
    ...env,
  }))
    vi.stubEnv(name, value)
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never)
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
  const { refuseUnsafeStart } = await import('./startup')
  refuseUnsafeStart(argv)
  return { exited: exit.mock.calls.length > 0, said: error.mock.calls.flat().join('\n') }
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

const NEXT = ['/usr/bin/node', '/app/node_modules/.bin/next']
const SERVE = ['/usr/bin/node', '/app/scripts/serve.ts']

describe('refuseUnsafeStart', () => {
  it('stops a production `next start`, telling to use npm start', async () => {
    const { exited, said } = await boot([...NEXT, 'start', '-p', '3000'], {
      NODE_ENV: 'production',
    })
    expect(exited).toBe(true)
    expect(said).toMatch(/Use `npm start`/)
  })

  it('lets npm start (scripts/serve.ts), `next dev` and hosts that never run `next start` through', async () => {
    for (const argv of [
      [...SERVE, 'start'],
      [...NEXT, 'dev'],
      ['/usr/bin/node', '/var/task/index.js'],
    ]) {
      expect((await boot(argv, { NODE_ENV: 'production' })).exited, argv.join(' ')).toBe(false)
    }
    expect((await boot([...NEXT, 'start'], { NODE_ENV: 'development' })).exited).toBe(false)
  })

  it('stops a start whose configuration is refused, naming the setting', async () => {
    const { exited, said } = await boot([...SERVE, 'start'], {
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
    })
    expect(exited).toBe(true)
    expect(said).toMatch(/LOCAL_STUDIO_PASSWORD is required to listen on HOST=0\.0\.0\.0/)
  })
})
