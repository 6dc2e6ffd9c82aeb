import type { ApiContext } from '../context'
import { sendJson } from '../http'
import type { Route, RouteParams } from '../../http/router'

/**
 * What Sanity Studio asks of a project besides documents: who the user is, what they may do,
 * and a handful of account features. Locally there is one editor with every permission, and
 * every cloud feature answers empty or off.
 */
export const LOCAL_EDITOR = {
  id: 'local-editor',
  name: 'Local editor',
  email: 'editor@localhost',
  provider: 'sanity',
  role: 'administrator',
  roles: [{ name: 'administrator', title: 'Administrator' }],
}

const ACL = [{ filter: '_id in path("**")', permissions: ['read', 'create', 'update', 'history'] }]

function project({ lake }: ApiContext) {
  return {
    id: lake.config.projectId,
    displayName: 'Restwell (local)',
    organizationId: null,
    metadata: {},
    features: [],
    members: [
      {
        id: LOCAL_EDITOR.id,
        role: 'administrator',
        roles: LOCAL_EDITOR.roles,
        isCurrentUser: true,
        isRobot: false,
      },
    ],
  }
}

/** A route that answers 200 with a fixed JSON value, or one made from the request. */
function answer(
  method: string,
  pattern: string,
  value: unknown | ((ctx: ApiContext, params: RouteParams) => unknown),
): Route<ApiContext> {
  return {
    methods: [method],
    pattern,
    handle: (ctx, params) =>
      sendJson(ctx.res, 200, typeof value === 'function' ? value(ctx, params) : value),
  }
}

export const STUDIO_ROUTES: Route<ApiContext>[] = [
  answer('GET', '/users/me', LOCAL_EDITOR),
  answer('GET', '/users/me/keyvalue/*', []),
  answer('PUT', '/users/me/keyvalue', []),
  answer('GET', '/users/*', (_ctx: ApiContext, { rest }: RouteParams) =>
    rest[0]?.includes(',') ? [LOCAL_EDITOR] : LOCAL_EDITOR,
  ),
  answer('GET', '/projects/:project', project),
  answer('GET', '/projects/:project/datasets', ({ lake }: ApiContext) => [
    { name: lake.config.seed?.dataset ?? 'production', aclMode: 'private' },
  ]),
  answer('GET', '/projects/:project/datasets/:dataset/acl', ACL),
  answer('GET', '/projects/:project/grants', {}),
  answer('GET', '/projects/:project/roles', []),
  answer('GET', '/projects/:project/new-content-release-allowed', { allowed: false }),
  answer('GET', '/projects/:project/user-applications', []),
  answer('GET', '/schedules/*', { schedules: [] }),
  answer('GET', '/features', []),
  answer('GET', '/intake/telemetry-status', { status: 'denied' }),
  answer('POST', '/intake/*', {}),
  answer('GET', '/journey/*', []),
  answer('GET', '/help/*', []),
  answer('GET', '/subscriptions/*', []),
  answer('GET', '/access/requests/me', []),
  answer('POST', '/descriptors/*', { synchronization: null }),
  answer('GET', '/ping', 'PONG'),
  answer('GET', '/data/ping/*', 'PONG'),
  answer('GET', '/data/references/*', { totalCount: 0, references: [], cddReferences: [] }),
]
