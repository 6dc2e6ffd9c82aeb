import type { ApiContext, RootContext } from '../context'
import type { ApiRoute } from '../router'
import type { Route } from '../../http/router'
import { HEALTH_PATH } from '../../shared/health'
import { serveAsset, upload } from './assets'
import { checkCors, health } from './check'
import { getDocuments, history } from './doc'
import { listen, listenMux } from './listen'
import { liveEvents } from './live'
import { actions, mutate, setFaults } from './mutate'
import { query } from './query'
import { STUDIO_ROUTES } from './studio'

/** Outside the versioned API: the health probe and public asset files (unversioned, like Sanity's CDN). */
export const ROOT_ROUTES: Route<RootContext>[] = [
  { methods: ['*'], pattern: HEALTH_PATH, handle: health },
  { methods: ['GET'], pattern: '/images/:project/:dataset/:file', handle: serveAsset },
  { methods: ['GET'], pattern: '/files/:project/:dataset/:file', handle: serveAsset },
]

/** Under any `/v<date>`, `/v1` or `/vX` prefix, first match wins. */
export const API_ROUTES: ApiRoute<ApiContext>[] = [
  { methods: ['GET', 'POST'], pattern: '/data/query/:dataset', handle: query },
  { methods: ['GET'], pattern: '/data/doc/:dataset/:ids?', handle: getDocuments },
  { methods: ['POST'], pattern: '/data/mutate/:dataset', handle: mutate },
  { methods: ['POST'], pattern: '/data/actions/:dataset', handle: actions },
  { methods: ['GET'], pattern: '/data/history/:dataset/*', handle: history },
  { methods: ['GET'], pattern: '/data/listen/:dataset', handle: listen },
  { methods: ['GET'], pattern: '/data/live/events/:dataset', handle: liveEvents },
  { methods: ['POST'], pattern: '/assets/images/:dataset', handle: upload('images') },
  { methods: ['POST'], pattern: '/assets/files/:dataset', handle: upload('files') },
  { methods: ['*'], pattern: '/listen-mux/*', handle: listenMux },
  { methods: ['POST'], pattern: '/_test/faults', handle: setFaults },
  { methods: ['GET'], pattern: '/check/cors', handle: checkCors, anyOrigin: true },
  ...STUDIO_ROUTES,
]
