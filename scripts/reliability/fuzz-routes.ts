import fc from 'fast-check'
import type { HttpMethod } from './route-files'

/**
 * The fuzz's table: for every route file under app/api and every method it exports, generated
 * bad requests and what a right answer to them looks like. On top of each route's own verdict,
 * the fuzz (checks/fuzz.ts) holds every request to: no 5xx, and nothing written to the lake.
 * `route-files.test.ts` fails when a route file or method is missing here.
 */
export type Probe = {
  method: HttpMethod
  path: string
  body?: string
  headers: Record<string, string>
}
/** What came back; `url` is where the probe went, to judge where a redirect leads. */
export type Answer = { url: string; status: number; location: string | null; json: unknown }
/** Why an answer to bad input is wrong, or undefined when it is right. */
export type Verdict = (answer: Answer) => string | undefined
type Fuzzed = { probes: fc.Arbitrary<Probe>; verdict: Verdict; runs: number }
type Methods = Partial<Record<HttpMethod, Fuzzed>>

/** The usual answer to bad input: a 4xx with a JSON `{ error }` saying what was wrong. */
const refused: Verdict = ({ status, json }) =>
  status >= 400 && status < 500 && typeof (json as { error?: unknown } | null)?.error === 'string'
    ? undefined
    : `expected a 4xx JSON { error }, got ${status}`

/** Reading a cart, or dropping its code, is harmless whatever the cookie says (a forged one reads as empty). */
const cartOrRefused: Verdict = (answer) =>
  answer.status === 200 && typeof (answer.json as { cart?: unknown })?.cart === 'object'
    ? undefined
    : refused(answer)

/** "Find my order" gives a well-formed request the same 202, whether or not such an order exists. */
const lookupOrRefused: Verdict = (answer) =>
  answer.status === 202 && typeof (answer.json as { message?: unknown })?.message === 'string'
    ? undefined
    : refused(answer)

/** The content version is public and the same for every request: any query gets it. */
const contentVersion: Verdict = ({ status, json }) =>
  status === 200 && Number.isInteger((json as { version?: unknown } | null)?.version)
    ? undefined
    : `expected 200 { version }, got ${status}`

/** Leaving preview always redirects, and only to a page of this site: an open redirect would bounce visitors anywhere. */
export const redirectsOnSite: Verdict = ({ url, status, location }) => {
  if (status < 300 || status > 399 || !location) return `expected a redirect, got ${status}`
  const target = new URL(location, url)
  return target.origin === new URL(url).origin
    ? undefined
    : `redirected off the site to ${target.href}`
}

const text = (maxLength = 40) => fc.string({ maxLength })
const query = (params: Record<string, string>) => {
  const search = new URLSearchParams(params).toString()
  return search ? `?${search}` : ''
}
const junkQuery = fc.dictionary(text(8), text(20), { maxKeys: 3 }).map(query)
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  '',
)
const huge = fc.constantFrom(40_000, 1_000_000).map((n) => 'x'.repeat(n))
const junkBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  text().map((s) => `{${s}`),
  text(),
  huge,
)
const junkCookie = fc.oneof(
  text().map((s) => `rw_cart=${encodeURIComponent(s)}`),
  text().map((s) => `rw_cart=${encodeURIComponent(s)}.forged`),
  text().map((s) => `__prerender_bypass=${encodeURIComponent(s)}`),
)
/** Headers a client may fill with anything; never X-Forwarded-For, which says who the fuzz is (checks/fuzz.ts). */
const junkHeaders = fc.record(
  {
    cookie: junkCookie,
    origin: fc.oneof(fc.webUrl(), text()),
    'sec-fetch-site': fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none'),
    authorization: text().map((s) => `Bearer ${s}`),
    accept: text(),
    'content-encoding': fc.constantFrom('gzip', 'br', 'identity'),
  },
  { requiredKeys: [] },
)
const withHeader = (name: string, value: fc.Arbitrary<string>) =>
  fc.tuple(junkHeaders, value).map(([headers, v]) => ({ ...headers, [name]: v }))

/** Requests of one method: a path, a body (never on GET) sent with any content type, and headers. */
function requests(
  method: HttpMethod,
  path: fc.Arbitrary<string>,
  body = junkBody,
  headers: fc.Arbitrary<Record<string, string>> = junkHeaders,
): fc.Arbitrary<Probe> {
  return fc
    .record({
      method: fc.constant(method),
      path,
      body: method === 'GET' ? fc.constant(undefined) : body,
      headers,
      type: contentType,
    })
    .map(({ type, ...probe }) => ({
      ...probe,
      headers: type ? { ...probe.headers, 'content-type': type } : probe.headers,
    }))
}

const at = (path: string) => junkQuery.map((q) => `${path}${q}`)
const fuzzed = (probes: fc.Arbitrary<Probe>, runs: number, verdict = refused): Fuzzed => ({
  probes,
  verdict,
  runs,
})

/** Methods a route answers with 405, whatever comes with them. */
function notAllowed(path: string, methods: HttpMethod[]): Methods {
  return Object.fromEntries(
    methods.map((method) => [method, fuzzed(requests(method, at(path)), 10)]),
  )
}

const unknownProduct = text(20).map((s) => `fuzz-${s}`)
const badQuantity = fc.oneof(
  fc.integer({ min: -1e9, max: 0 }),
  fc.integer({ min: 21, max: 1e12 }),
  fc.double({ noInteger: true }),
  fc.string(),
  fc.constant(null),
  fc.array(fc.nat()),
)
const cartBody = fc.oneof(
  fc
    .oneof(
      fc.record({
        productId: unknownProduct,
        variantKey: fc.string(),
        quantity: fc.nat({ max: 20 }),
      }),
      fc.record({
        productId: fc.constant('product-magnesium-glycinate'),
        variantKey: fc.constant('60-caps'),
        quantity: badQuantity,
      }),
      fc.record({
        productId: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)),
        variantKey: fc.anything(),
      }),
      fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
    )
    .map((b) => JSON.stringify(b)),
  junkBody,
)
// Real codes too: none can apply to a cart the fuzz has (empty, or a forged cookie read as empty).
const codeBody = fc.oneof(
  fc
    .record({
      code: fc.oneof(
        fc.constantFrom('SLEEP10', 'sleep10', ' WELCOME5 ', 'SPRING21'),
        text(40),
        fc.integer(),
        fc.constant(null),
      ),
    })
    .map((b) => JSON.stringify(b)),
  junkBody,
)
const lookupBody = fc.oneof(
  fc
    .record({
      email: fc.oneof(fc.emailAddress(), text()),
      orderNumber: fc.oneof(fc.stringMatching(/^RW-[0-9A-F]{8}$/), text(12)),
    })
    .map((b) => JSON.stringify(b)),
  junkBody,
)

/**
 * `redirect=` values that parsers read as another host: browsers and the URL parser drop tabs
 * and newlines, and read a backslash as a slash, so `/\t/evil.example` becomes `//evil.example`.
 */
const redirectTarget = fc.oneof(
  fc
    .tuple(
      fc.array(fc.constantFrom('\t', '\n', '\r', ' '), { maxLength: 2 }),
      fc.constantFrom('/', '\\', ''),
      fc.constantFrom('evil.example', 'evil.example/articles', 'articles'),
    )
    .map(([gap, slash, rest]) => `/${gap.join('')}${slash}${rest}`),
  fc.webUrl(),
  text(),
)
const withRedirect = (extra: fc.Arbitrary<Record<string, string>>) =>
  fc.tuple(redirectTarget, extra).map(([redirect, params]) => query({ ...params, redirect }))

// The Studio's lake proxy forwards any path: aim at the lake's real endpoints as well as nonsense.
const fuzzId = fc.stringMatching(/^[a-z0-9]{1,10}$/).map((s) => `fuzz-${s}`)
const lakePath = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('v2025-02-19', 'vX', 'v1'),
      fc.constantFrom(
        'data/mutate',
        'data/actions',
        'data/query',
        'data/doc',
        'data/listen',
        'data/history',
        'assets/images',
        'assets/files',
        'users/me/keyvalue',
        'projects/local',
        'listen-mux/open',
      ),
      fc.constantFrom('production', 'fuzz', ''),
    )
    .map(([version, endpoint, dataset]) => `${version}/${endpoint}/${dataset}`),
  fc
    .array(
      fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((s) => s !== '.' && s !== '..')
        .map(encodeURIComponent),
      { minLength: 1, maxLength: 4 },
    )
    .map((segments) => segments.join('/')),
)
const groq = fc.constantFrom(
  '*',
  '*[_type == "order"]{email, shipping}',
  'count(*)',
  '*[_id in path("drafts.**")]',
)
const lakeQuery = fc.oneof(
  junkQuery,
  fc
    .tuple(groq, fc.constantFrom('raw', 'drafts', 'published'))
    .map(([q, perspective]) => query({ query: q, perspective })),
)
const document = fc.record({ _id: fuzzId, _type: fc.constant('fuzzNote'), note: text() })
const mutation = fc.oneof(
  document.map((create) => ({ create })),
  document.map((createOrReplace) => ({ createOrReplace })),
  document.map((createIfNotExists) => ({ createIfNotExists })),
  fc
    .record({
      id: fc.oneof(fc.constant('product-magnesium-glycinate'), fuzzId),
      set: fc.record({ fuzzNote: text() }),
    })
    .map((patch) => ({ patch })),
  fuzzId.map((id) => ({ delete: { id } })),
)
const action = fc.record({
  actionType: fc.constantFrom(
    'sanity.action.document.create',
    'sanity.action.document.publish',
    'sanity.action.document.delete',
  ),
  publishedId: fuzzId,
  draftId: fuzzId.map((id) => `drafts.${id}`),
  attributes: fc.record({ _type: fc.constant('fuzzNote'), note: text() }),
  ifExists: fc.constant('fail'),
})
const lakeBody = fc.oneof(
  fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((mutations) => JSON.stringify({ mutations })),
  fc.array(action, { minLength: 1, maxLength: 2 }).map((actions) => JSON.stringify({ actions })),
  fc.record({ query: groq, params: fc.jsonValue({ maxDepth: 2 }) }).map((b) => JSON.stringify(b)),
  junkBody,
)
/**
 * Next answers a path with a trailing slash (an empty dataset segment here) with a 308 to the
 * same path without it, before any route runs; the request that follows gets the route's answer.
 */
const slashRedirectOr =
  (verdict: Verdict): Verdict =>
  (answer) => {
    const sent = new URL(answer.url)
    const target = answer.location ? new URL(answer.location, answer.url) : null
    const normalised =
      answer.status === 308 &&
      sent.pathname.endsWith('/') &&
      target?.origin === sent.origin &&
      target.pathname === sent.pathname.replace(/\/+$/, '')
    return normalised ? undefined : verdict(answer)
  }

// The fuzz is a remote client (a 10.x X-Forwarded-For), so whatever it sends, the proxy that
// carries the lake's write token must refuse it: 401 JSON, never an answer from the lake.
const studioLake = (method: HttpMethod, runs: number) =>
  fuzzed(
    requests(
      method,
      fc.tuple(lakePath, lakeQuery).map(([p, q]) => `/api/studio-lake/${p}${q}`),
      lakeBody,
    ),
    runs,
    slashRedirectOr(refused),
  )
/**
 * The site's live events stream: any caller may open the published one (it carries sync tags,
 * never content), and gets an event stream; anything else (drafts, another dataset or path, a
 * lake endpoint) is refused. A forged Last-Event-ID at most earns a `restart`.
 */
const streamsOrRefused: Verdict = (answer) =>
  answer.status === 200 && answer.json === null ? undefined : refused(answer)
const livePath = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('v2025-02-19', 'vX', 'v1'),
      fc.constantFrom('data/live/events', 'data/query', 'data/listen'),
      fc.constantFrom('production', 'fuzz', ''),
    )
    .map(([version, endpoint, dataset]) => `${version}/${endpoint}/${dataset}`),
  fc
    .string({ minLength: 1, maxLength: 30 })
    .filter((segment) => segment !== '.' && segment !== '..')
    .map(encodeURIComponent),
)
const liveEvents = fuzzed(
  requests(
    'GET',
    fc
      .tuple(livePath, fc.oneof(junkQuery, fc.constant('?includeDrafts=true')))
      .map(([p, q]) => `/api/live-events/${p}${q}`),
    junkBody,
    withHeader('last-event-id', text(60)),
  ),
  40,
  slashRedirectOr(streamsOrRefused),
)

const passwordBody = fc.oneof(
  fc
    .record({ password: fc.oneof(text(), fc.integer(), fc.constant(null)) })
    .map((b) => JSON.stringify(b)),
  junkBody,
)

const stockBody = fc.oneof(
  fc
    .record(
      {
        requestId: fc.oneof(fc.uuid(), text(36)),
        productId: fc.oneof(
          fc.constantFrom('product-magnesium-glycinate', 'drafts.product-magnesium-glycinate'),
          text(20),
        ),
        variantKey: fc.oneof(fc.constantFrom('60-caps', '120-caps'), text(12)),
        kind: fc.oneof(fc.constantFrom('restock', 'correction'), text(10)),
        quantity: fc.oneof(fc.integer({ min: -5, max: 1e9 }), badQuantity),
        onHand: fc.oneof(fc.integer({ min: -5, max: 1e9 }), badQuantity),
        note: text(60),
      },
      { requiredKeys: [] },
    )
    .map((b) => JSON.stringify(b)),
  junkBody,
)
/**
 * Stock belongs to editors: the fuzz, a remote client with no Studio session (the stack sets no
 * LOCAL_STUDIO_PASSWORD), is turned away before anything is read or written, whatever token,
 * cookie or body it sends: 401, or 403 when its browser headers say another site sent it.
 */
const editorsOnly: Verdict = (answer) =>
  refused(answer) ??
  ([401, 403, 429].includes(answer.status)
    ? undefined
    : `expected 401, 403 or 429, got ${answer.status}`)
const studioStock = fc
  .oneof(fc.constantFrom('product-magnesium-glycinate', 'drafts.x'), text(20))
  .map((id) => `?productId=${encodeURIComponent(id)}`)

/** Account routes: a client with no session (a junk or forged cookie reads as none) is asked to sign in. */
const addressBody = fc.oneof(
  fc
    .record(
      {
        name: fc.oneof(text(150), fc.integer(), fc.constant(null)),
        line1: fc.oneof(text(250), fc.constant('')),
        city: text(),
        postalCode: fc.oneof(text(12), fc.constant('97201')),
        country: fc.oneof(fc.constantFrom('US', 'CA', 'FR'), text(3)),
        isDefault: fc.oneof(fc.boolean(), text(5)),
      },
      { requiredKeys: [] },
    )
    .map((b) => JSON.stringify(b)),
  junkBody,
)
const addressPath = fc
  .oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent))
  .map((id) => `/api/account/addresses/${id}`)

/** Better Auth's endpoints the store lets through (lib/accounts/limits.ts), and ones it does not. */
const authPath = fc
  .oneof(
    fc.constantFrom(
      'get-session',
      'list-sessions',
      'sign-out',
      'revoke-session',
      'revoke-sessions',
      'revoke-other-sessions',
      'email-otp/send-verification-otp',
      'sign-in/email-otp',
      'email-otp/request-email-change',
      'email-otp/change-email',
      'sign-up/email',
      'delete-user',
      'update-user',
    ),
    fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  )
  .chain((p) => junkQuery.map((q) => `/api/auth/${p}${q}`))
const authBody = fc.oneof(
  fc
    .record(
      {
        email: fc.oneof(fc.emailAddress(), text(), fc.integer()),
        newEmail: fc.oneof(fc.emailAddress(), text()),
        otp: fc.oneof(fc.stringMatching(/^\d{6}$/), text(10), fc.integer()),
        type: fc.oneof(
          fc.constantFrom('sign-in', 'change-email', 'forget-password', 'email-verification'),
          text(10),
        ),
        token: text(),
        callbackURL: fc.oneof(fc.webUrl(), text()),
      },
      { requiredKeys: [] },
    )
    .map((b) => JSON.stringify(b)),
  junkBody,
)
/**
 * Signed out, the auth routes refuse (4xx JSON) except where refusing would say something: asking
 * for a code is 200 `{ success: true }` for any well-formed address, and the session is `null`.
 */
const authOrRefused: Verdict = (answer) => {
  if (answer.status === 200 && answer.json === null && answer.url.includes('/api/auth/get-session'))
    return undefined
  if (
    answer.status === 200 &&
    (answer.json as { success?: unknown })?.success === true &&
    answer.url.includes('send-verification-otp')
  )
    return undefined
  return refused(answer)
}

export const FUZZED_ROUTES: Record<string, Methods> = {
  'app/api/account/route.ts': {
    DELETE: fuzzed(requests('DELETE', at('/api/account')), 30),
    ...notAllowed('/api/account', ['GET', 'POST', 'PUT', 'PATCH']),
  },
  'app/api/account/addresses/route.ts': {
    POST: fuzzed(requests('POST', at('/api/account/addresses'), addressBody), 40),
    ...notAllowed('/api/account/addresses', ['GET', 'PUT', 'PATCH', 'DELETE']),
  },
  'app/api/account/addresses/[id]/route.ts': {
    PUT: fuzzed(requests('PUT', addressPath, addressBody), 40),
    DELETE: fuzzed(requests('DELETE', addressPath), 20),
    GET: fuzzed(requests('GET', addressPath), 10),
    POST: fuzzed(requests('POST', addressPath), 10),
    PATCH: fuzzed(requests('PATCH', addressPath), 10),
  },
  'app/api/account/export/route.ts': {
    GET: fuzzed(requests('GET', at('/api/account/export')), 20),
    ...notAllowed('/api/account/export', ['POST', 'PUT', 'PATCH', 'DELETE']),
  },
  'app/api/auth/[...all]/route.ts': {
    GET: fuzzed(requests('GET', authPath), 40, authOrRefused),
    POST: fuzzed(requests('POST', authPath, authBody), 120, authOrRefused),
    PUT: fuzzed(requests('PUT', authPath), 10),
    PATCH: fuzzed(requests('PATCH', authPath), 10),
    DELETE: fuzzed(requests('DELETE', authPath), 10),
  },
  'app/api/cart/route.ts': {
    GET: fuzzed(requests('GET', at('/api/cart')), 30, cartOrRefused),
    POST: fuzzed(requests('POST', at('/api/cart'), cartBody), 60),
    PATCH: fuzzed(requests('PATCH', at('/api/cart'), cartBody), 60),
    // With no body DELETE empties the cart; with one it removes that line, which no fuzz cart has.
    DELETE: fuzzed(
      requests(
        'DELETE',
        at('/api/cart'),
        cartBody.filter((b) => b.trim() !== ''),
      ),
      40,
    ),
    ...notAllowed('/api/cart', ['PUT']),
  },
  'app/api/cart/promotion/route.ts': {
    POST: fuzzed(requests('POST', at('/api/cart/promotion'), codeBody), 50),
    DELETE: fuzzed(requests('DELETE', at('/api/cart/promotion')), 20, cartOrRefused),
    ...notAllowed('/api/cart/promotion', ['GET', 'PUT', 'PATCH']),
  },
  'app/api/checkout/route.ts': {
    POST: fuzzed(requests('POST', at('/api/checkout')), 60),
    ...notAllowed('/api/checkout', ['GET', 'PUT', 'PATCH', 'DELETE']),
  },
  'app/api/content-version/route.ts': {
    GET: fuzzed(requests('GET', at('/api/content-version')), 20, contentVersion),
    ...notAllowed('/api/content-version', ['POST', 'PUT', 'PATCH', 'DELETE']),
  },
  'app/api/draft-mode/disable/route.ts': {
    GET: fuzzed(
      requests(
        'GET',
        withRedirect(fc.dictionary(text(8), text(20), { maxKeys: 2 })).map(
          (q) => `/api/draft-mode/disable${q}`,
        ),
      ),
      100,
      redirectsOnSite,
    ),
    ...notAllowed('/api/draft-mode/disable', ['POST', 'PUT', 'PATCH', 'DELETE']),
  },
  'app/api/draft-mode/enable/route.ts': {
    GET: fuzzed(
      requests(
        'GET',
        // The Presentation tool's parameters: a secret (never one the Studio wrote) and the page to open.
        fc
          .tuple(
            redirectTarget,
            fc.record(
              { 'sanity-preview-secret': text(), 'sanity-preview-perspective': text(12) },
              { requiredKeys: [] },
            ),
          )
          .map(
            ([page, params]) =>
              `/api/draft-mode/enable${query({ ...params, 'sanity-preview-pathname': page })}`,
          ),
      ),
      40,
    ),
    ...notAllowed('/api/draft-mode/enable', ['POST', 'PUT', 'PATCH', 'DELETE']),
  },
  // The reliability stack sets no CRON_SECRET (its own timer runs the jobs), so the route is a 404 JSON.
  'app/api/jobs/route.ts': {
    GET: fuzzed(
      requests(
        'GET',
        at('/api/jobs'),
        junkBody,
        withHeader(
          'authorization',
          text().map((s) => `Bearer ${s}`),
        ),
      ),
      20,
    ),
    ...notAllowed('/api/jobs', ['POST', 'PUT', 'PATCH', 'DELETE']),
  },
  'app/api/live-events/[...path]/route.ts': {
    GET: liveEvents,
    ...notAllowed('/api/live-events/v2025-02-19/data/live/events/production', [
      'POST',
      'PUT',
      'PATCH',
      'DELETE',
    ]),
  },
  'app/api/orders/lookup/route.ts': {
    POST: fuzzed(requests('POST', at('/api/orders/lookup'), lookupBody), 60, lookupOrRefused),
    ...notAllowed('/api/orders/lookup', ['GET', 'PUT', 'PATCH', 'DELETE']),
  },
  'app/api/revalidate/route.ts': {
    POST: fuzzed(
      requests(
        'POST',
        at('/api/revalidate'),
        junkBody,
        withHeader(
          'sanity-webhook-signature',
          text().map((s) => `t=1,v1=${s}`),
        ),
      ),
      40,
    ),
    ...notAllowed('/api/revalidate', ['GET', 'PUT', 'PATCH', 'DELETE']),
  },
  'app/api/studio-lake/[...path]/route.ts': {
    GET: studioLake('GET', 60),
    POST: studioLake('POST', 120),
    PUT: studioLake('PUT', 30),
    PATCH: studioLake('PATCH', 30),
    DELETE: studioLake('DELETE', 30),
  },
  'app/api/studio/stock/route.ts': {
    GET: fuzzed(
      requests(
        'GET',
        fc
          .tuple(studioStock, junkQuery)
          .map(([q, junk]) => `/api/studio/stock${q}${junk.replace('?', '&')}`),
      ),
      30,
      editorsOnly,
    ),
    POST: fuzzed(requests('POST', at('/api/studio/stock'), stockBody), 60, editorsOnly),
    ...notAllowed('/api/studio/stock', ['PUT', 'PATCH', 'DELETE']),
  },
  // The reliability stack sets no LOCAL_STUDIO_PASSWORD, so there is nothing to sign in to: 404 JSON;
  // the Studio link (GET ?key=) works only on this machine, and the fuzz is a remote client: 403.
  'app/api/studio-session/route.ts': {
    GET: fuzzed(requests('GET', at('/api/studio-session')), 20),
    POST: fuzzed(requests('POST', at('/api/studio-session'), passwordBody), 30),
    DELETE: fuzzed(requests('DELETE', at('/api/studio-session')), 10),
    ...notAllowed('/api/studio-session', ['PUT', 'PATCH']),
  },
  'app/api/webhooks/stripe/route.ts': {
    POST: fuzzed(
      requests(
        'POST',
        at('/api/webhooks/stripe'),
        junkBody,
        withHeader(
          'stripe-signature',
          text().map((s) => `t=1,v1=${s}`),
        ),
      ),
      60,
    ),
    ...notAllowed('/api/webhooks/stripe', ['GET', 'PUT', 'PATCH', 'DELETE']),
  },
}
