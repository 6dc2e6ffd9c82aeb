import { chromium } from '@playwright/test'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
page.on('request', (r) => { if (r.url().includes('studio-lake')) console.log('REQ', r.method(), decodeURIComponent(r.url()).slice(40, 330)) })
page.on('response', (r) => { if (r.url().includes('studio-lake')) console.log('RES', r.status(), decodeURIComponent(r.url()).slice(40, 120)) })
page.on('requestfailed', (r) => { if (r.url().includes('studio-lake')) console.log('FAIL', r.failure()?.errorText, r.url().slice(40, 120)) })
await page.goto('http://localhost:3100/studio/structure/article;article-magnesium-restless-legs', { waitUntil: 'load' })
await page.waitForTimeout(8000)
await browser.close()
