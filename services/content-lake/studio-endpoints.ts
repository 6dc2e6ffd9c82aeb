/**
 * What Sanity Studio asks of a project besides documents: who the user is, what they may do,
 * and a handful of account features. Locally there is one editor with every permission.
 */
export const LOCAL_EDITOR = {
  id: 'local-editor',
  name: 'Local editor',
  email: 'editor@localhost',
  provider: 'sanity',
  role: 'administrator',
  roles: [{ name: 'administrator', title: 'Administrator' }],
}

export function studioAnswer(method: string, parts: string[], projectId: string, dataset: string): unknown | undefined {
  const path = parts.join('/')
  if (method === 'GET' && path === 'users/me') return LOCAL_EDITOR
  if (method === 'GET' && /^users\/me\/keyvalue\//.test(path)) return []
  if (method === 'PUT' && path === 'users/me/keyvalue') return []
  if (method === 'GET' && parts[0] === 'users') return parts[1]?.includes(',') ? [LOCAL_EDITOR] : LOCAL_EDITOR
  if (method === 'GET' && /^projects\/[^/]+\/datasets\/[^/]+\/acl$/.test(path)) {
    return [{ filter: '_id in path("**")', permissions: ['read', 'create', 'update', 'history'] }]
  }
  if (method === 'GET' && /^projects\/[^/]+\/datasets$/.test(path)) return [{ name: dataset, aclMode: 'private' }]
  if (method === 'GET' && /^projects\/[^/]+\/(grants|roles)$/.test(path)) return parts[2] === 'roles' ? [] : {}
  if (method === 'GET' && /^projects\/[^/]+$/.test(path)) {
    return {
      id: projectId,
      displayName: 'Restwell (local)',
      organizationId: null,
      metadata: {},
      features: [],
      members: [{ id: LOCAL_EDITOR.id, role: 'administrator', roles: LOCAL_EDITOR.roles, isCurrentUser: true, isRobot: false }],
    }
  }
  if (method === 'GET' && /^projects\/[^/]+\/new-content-release-allowed$/.test(path)) return { allowed: false }
  if (method === 'GET' && /^projects\/[^/]+\/user-applications$/.test(path)) return []
  if (method === 'GET' && parts[0] === 'schedules') return { schedules: [] }
  if (method === 'GET' && path === 'features') return []
  if (method === 'GET' && path === 'intake/telemetry-status') return { status: 'denied' }
  if (method === 'POST' && parts[0] === 'intake') return {}
  if (method === 'GET' && (parts[0] === 'journey' || parts[0] === 'help' || parts[0] === 'subscriptions' || path === 'access/requests/me'))
    return []
  if (method === 'POST' && parts[0] === 'descriptors') return { synchronization: null }
  if (method === 'GET' && (path === 'ping' || path === 'check/cors' || /^data\/ping(\/|$)/.test(path))) return 'PONG'
  if (method === 'GET' && parts[0] === 'data' && parts[1] === 'history') {
    return parts[3] === 'events' ? { events: {}, nextCursor: '' } : undefined
  }
  if (method === 'GET' && parts[0] === 'data' && parts[1] === 'references') return { totalCount: 0, references: [], cddReferences: [] }
  return undefined
}
