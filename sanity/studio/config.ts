import { createClient } from '@sanity/client'
import { of } from 'rxjs'
import { defineConfig, type AuthStore } from 'sanity'
import { structureTool } from 'sanity/structure'
import { API_VERSION } from '../api-version'
import { schemaTypes } from '../schemaTypes'
import { presentation } from './presentation'
import { defaultDocumentNode, SINGLETON_TYPES, structure, SYSTEM_TYPES } from './structure'

const NOT_CREATABLE = [...SYSTEM_TYPES, ...SINGLETON_TYPES]
/** A singleton can be edited and published, never duplicated or deleted. */
const SINGLETON_ACTIONS = new Set(['publish', 'discardChanges', 'restore'])

export type StudioTarget =
  | { mode: 'real'; projectId: string; dataset: string }
  /** Local: the Studio reaches the lake through the store's same-origin proxy, as a local editor. */
  | { mode: 'local'; projectId: string; dataset: string; apiHost: string }

/**
 * No login on a laptop: one local editor, and a client that talks to the lake through the
 * proxy at `apiHost` (which adds the token server-side, so no token reaches the browser).
 */
function localAuth(target: Extract<StudioTarget, { mode: 'local' }>): AuthStore {
  const client = createClient({
    projectId: target.projectId,
    dataset: target.dataset,
    apiHost: target.apiHost,
    useProjectHostname: false,
    useCdn: false,
    apiVersion: API_VERSION,
    // The proxy is same-origin, so cookies go along anyway; this tells @sanity/client the Studio may
    // ask for drafts without a token in the browser (the Presentation tool's live events do).
    withCredentials: true,
    requestTagPrefix: 'sanity.studio',
  })
  const currentUser = {
    id: 'local-editor',
    name: 'Local editor',
    email: 'editor@localhost',
    role: 'administrator',
    roles: [{ name: 'administrator', title: 'Administrator' }],
  }
  return { state: of({ authenticated: true, currentUser, client }), token: of(null) }
}

/**
 * Features that live in Sanity's cloud (tasks, comments, releases, scheduling, announcements)
 * are off locally. Each also holds an event stream open, and a browser allows only six
 * HTTP/1.1 connections to one host; Sanity's API uses HTTP/2, a local server cannot.
 */
const LOCAL_FEATURES = {
  tasks: { enabled: false },
  releases: { enabled: false },
  scheduledDrafts: { enabled: false },
  scheduledPublishing: { enabled: false },
  announcements: { enabled: false },
}

export function studioConfig(target: StudioTarget) {
  return defineConfig({
    name: 'restwell',
    title: target.mode === 'local' ? 'Restwell (local)' : 'Restwell',
    projectId: target.projectId,
    dataset: target.dataset,
    basePath: '/studio',
    // With Sanity, a token rather than a cookie: the Stock view sends it to the store, which asks Sanity whose it is.
    auth: target.mode === 'local' ? localAuth(target) : { loginMethod: 'token' },
    ...(target.mode === 'local' ? LOCAL_FEATURES : {}),
    schema: {
      types: schemaTypes,
      templates: (templates) =>
        templates.filter((template) => !NOT_CREATABLE.includes(template.schemaType)),
    },
    plugins: [structureTool({ structure, defaultDocumentNode }), presentation()],
    search: { strategy: 'groqLegacy' },
    document: {
      ...(target.mode === 'local' ? { comments: { enabled: false } } : {}),
      // Orders are records of payments: nobody edits, publishes or deletes them by hand.
      actions: (previous, context) => {
        if (SYSTEM_TYPES.includes(context.schemaType)) return []
        if (SINGLETON_TYPES.includes(context.schemaType))
          return previous.filter((action) => action.action && SINGLETON_ACTIONS.has(action.action))
        return previous
      },
      newDocumentOptions: (previous) =>
        previous.filter((item) => !NOT_CREATABLE.includes(item.templateId)),
    },
  })
}
