import type { Page } from '@playwright/test'
import { localSecret } from './lake'

/** What the Studio link `npm run dev` prints does: signs this browser in to the local Studio. */
export async function openStudioLink(page: Page) {
  await page.goto(`/api/studio-session?key=${encodeURIComponent(localSecret('LOCAL_STUDIO_KEY'))}`)
}
