import { spawn } from 'node:child_process'
import { chromium } from '@playwright/test'
import { findChromium } from '../../browser'
import { DIST_DIR, PORTS, type Stack } from '../stack'
import type { Figure } from '../util'

const PORT = PORTS.site + 2
const DEV_SITE = `http://localhost:${PORT}`
const READY_MS = 60_000
// The first request to a route compiles it: slow on a busy 2-core machine.
const COMPILE_MS = 180_000

/**
 * The development server, as `npm run dev` starts it (scripts/serve.ts dev), on the stack's own
 * services: a missing article, product or category must answer a real 404 with the site's
 * not-found page and a noindex robots tag (e2e/reader.spec.ts checks the production build), and
 * pages opened in Chromium must trip no Content Security Policy rule and raise no issue in Next's
 * dev overlay (React's development build evaluates code, which the policy allows in dev only).
 * Its build goes to <DIST_DIR>/dev, beside the production build, which it leaves alone.
 */
export async function devServer(stack: Stack): Promise<Figure> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development', // what serve.ts dev sets when the shell sets none
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    LAKE_URL: `http://127.0.0.1:${PORTS.lake}`,
    STRIPE_LOCAL_URL: `http://127.0.0.1:${PORTS.stripe}`,
    SMTP_URL: `smtp://127.0.0.1:${PORTS.smtp}`,
    SITE_URL: DEV_SITE,
    DATABASE_URL: stack.databaseUrl,
  }
  const started = Date.now()
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/serve.ts', 'dev', '-p', String(PORT)],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  )
  let output = ''
  const ready = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), READY_MS)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('[serve] development server on')) resolve(true)
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.once('close', () => {
      clearTimeout(timer)
      resolve(false)
    })
  })
  const failures: string[] = []
  const statuses: string[] = []
  let violations: string[] = []
  let issues = 0
  try {
    if (!(await ready)) throw new Error(`the dev server did not start: ${output.slice(-400)}`)
    const article = await stack.lakeClient.fetch<string>(
      '*[_type == "article" && defined(slug.current)][0].slug.current',
    )
    const category = await stack.lakeClient.fetch<string>('*[_type == "category"][0].slug.current')
    const expected: Array<[string, number]> = [
      ['/articles/no-such-article', 404],
      ['/products/no-such-product', 404],
      ['/products?category=no-such-category', 404],
      [`/products?category=${category}`, 200],
      [`/articles/${article}`, 200],
    ]
    for (const [path, status] of expected) {
      const res = await fetch(`${DEV_SITE}${path}`, { signal: AbortSignal.timeout(COMPILE_MS) })
      const html = await res.text()
      statuses.push(`${path} → ${res.status}`)
      if (res.status !== status) failures.push(`${path} answered ${res.status}, not ${status}`)
      if (
        status === 404 &&
        !(
          html.includes('We couldn’t find that page') &&
          /<meta name="robots" content="noindex"/.test(html)
        )
      )
        failures.push(`${path} lacks the not-found page or its noindex tag`)
    }
    ;({ violations, issues } = await inBrowser([
      `/articles/${article}`,
      `/products?category=${category}`,
    ]))
    if (violations.length) failures.push(`CSP violations: ${violations.slice(0, 3).join('; ')}`)
    if (issues) failures.push(`${issues} page(s) with an issue badge in the dev overlay`)
  } catch (error) {
    failures.push((error as Error).message)
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM')
  }
  return {
    check: 'dev server',
    figure: `${statuses.join(', ')}; in Chromium ${violations.length} CSP violations, ${issues} dev-overlay issue badges; ${((Date.now() - started) / 1000).toFixed(0)} s with compiles${failures.length ? `; ${failures.join('; ')}` : ''}`,
    target:
      'missing article, product and category → 404 with the not-found page and noindex; no CSP violation or dev-overlay issue',
    pass: failures.length === 0,
  }
}

/** Opens each page and collects what the browser blocked and whether Next's dev overlay shows an issue. */
async function inBrowser(paths: string[]) {
  const found = findChromium()
  const browser = await chromium.launch({
    executablePath: found.path,
    args: found.args,
    env: found.env,
  })
  const violations: string[] = []
  let issues = 0
  try {
    const page = await browser.newPage()
    await page.exposeFunction('reportViolation', (text: string) => violations.push(text))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        ;(window as unknown as { reportViolation: (text: string) => void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        )
      })
    })
    for (const path of paths) {
      await page.goto(`${DEV_SITE}${path}`, { waitUntil: 'load', timeout: COMPILE_MS })
      // The overlay counts issues as they are reported, some after hydration.
      await page.waitForTimeout(3_000)
      const badge = await page.evaluate(
        () =>
          document.querySelector('nextjs-portal')?.shadowRoot?.querySelector('[data-issues]') !=
          null,
      )
      if (badge) issues++
    }
  } finally {
    await browser.close()
  }
  return { violations, issues }
}
