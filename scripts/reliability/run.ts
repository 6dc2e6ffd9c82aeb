import { mkdirSync, writeFileSync } from 'node:fs'
import { abuseLimits } from './checks/abuse-limits'
import { cacheGrowth } from './checks/cache-growth'
import { crashSafety } from './checks/crash-safety'
import { devServer } from './checks/dev-server'
import { fuzz } from './checks/fuzz'
import { holdHog } from './checks/hold-hog'
import { lastUnits } from './checks/last-units'
import { secretsAndHeaders } from './checks/secrets-and-headers'
import { startupRefusals } from './checks/startup-refusals'
import { studioReach } from './checks/studio-reach'
import { twoInstances } from './checks/two-instances'
import { webhookStorm } from './checks/webhook-storm'
import { startStack, type Stack } from './stack'
import type { Figure } from './util'

/**
 * `npm run test:reliability`: the production build with fresh local services, put through the
 * checks (one file each under checks/, run in this order); a figure per check, a table at the
 * end, and a non-zero exit if any misses its target.
 */
const checks: Array<[string, (stack: Stack) => Promise<Figure>]> = [
  ['webhook storm', webhookStorm],
  ['last units', lastUnits],
  ['fuzz', fuzz],
  ['crash safety', crashSafety],
  ['secrets and headers', secretsAndHeaders],
  ['abuse limits', abuseLimits],
  ['cache growth', cacheGrowth],
  ['hold hog', holdHog],
  ['studio reach', studioReach],
  ['two instances', twoInstances],
  ['startup refusals', startupRefusals],
  ['dev server', devServer],
]

// RELIABILITY_CHECKS="two instances,fuzz" runs only those (by the names above).
const only = process.env.RELIABILITY_CHECKS?.split(',').map((name) => name.trim())
const chosen = only ? checks.filter(([name]) => only.includes(name)) : checks
if (only && chosen.length !== only.length)
  throw new Error(`RELIABILITY_CHECKS names a check that does not exist: ${only.join(', ')}`)

const started = Date.now()
console.log('[reliability] building and starting the store with fresh local services…')
const stack = await startStack()
// Whatever happens, the services and the server go down with the run.
process.on('exit', () => void stack.stop())
const figures: Figure[] = []
try {
  for (const [name, check] of chosen) {
    const t = Date.now()
    console.log(`[reliability] ${name}…`)
    try {
      figures.push(await check(stack))
    } catch (error) {
      figures.push({
        check: name,
        figure: `crashed: ${(error as Error).stack ?? error}`,
        target: '',
        pass: false,
      })
    }
    const f = figures.at(-1)!
    console.log(
      `[reliability] ${f.pass ? 'PASS' : 'FAIL'} ${f.check} (${((Date.now() - t) / 1000).toFixed(1)} s): ${f.figure}`,
    )
  }
} finally {
  await stack.stop()
}

console.log('\n| check | figure | target | result |\n|---|---|---|---|')
for (const f of figures)
  console.log(`| ${f.check} | ${f.figure} | ${f.target} | ${f.pass ? 'pass' : 'FAIL'} |`)
mkdirSync('test-results', { recursive: true })
writeFileSync(
  'test-results/reliability.json',
  JSON.stringify({ figures, seconds: (Date.now() - started) / 1000 }, null, 2),
)
const failed = figures.filter((f) => !f.pass).length
console.log(`\nreliability: ${figures.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
