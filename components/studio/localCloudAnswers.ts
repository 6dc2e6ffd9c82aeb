/**
 * Two calls the Studio makes to Sanity's cloud on every load, with no setting to turn them off
 * (sanity 5.31), which a local Studio cannot complete (our CSP refuses them, and the machine may
 * be offline): the version check on sanity-cdn.com and the feedback intake's availability probe
 * on api.sanity.io. Locally both have a true answer that needs no network, so this answers them
 * in the browser: the installed version is the newest this checkout will run (package.json pins
 * it), and there is no feedback intake, so the Studio leaves out its Feedback menu item rather
 * than offer a form whose messages would go nowhere. Every other fetch goes to the network.
 */
const VERSION_CHECK = 'https://sanity-cdn.com/v1/modules/sanity/'
const FEEDBACK_INTAKE = 'https://api.sanity.io/vX/intake/feedback'

/** The answer for a URL only the cloud knows, or `null` for a request to send. */
function localCloudAnswer(url: string, installedVersion: string): Response | null {
  // `{latest}` is what the Studio reads; equal to the running version, it shows no update.
  if (url.startsWith(VERSION_CHECK)) return Response.json({ latest: installedVersion })
  // The probe reads only `response.ok`; not ok hides the Feedback item.
  if (url === FEEDBACK_INTAKE)
    return new Response(null, { status: 503, statusText: 'No feedback intake locally' })
  return null
}

let installed = false

/** Wraps `window.fetch` so those two URLs are answered here (local mode only). */
export function installLocalCloudAnswers(installedVersion: string) {
  if (installed || typeof window === 'undefined') return
  installed = true
  const send = window.fetch.bind(window)
  window.fetch = (input, init) => {
    const answer = localCloudAnswer(
      input instanceof Request ? input.url : String(input),
      installedVersion,
    )
    return answer ? Promise.resolve(answer) : send(input, init)
  }
}
