import 'server-only'
import { ClientError, createClient, type CurrentSanityUser } from '@sanity/client'
import type { NextRequest } from 'next/server'
import { config } from '../env'
import { isSiteHost } from '../http/client'
import { HttpError } from '../http/errors'
import { STUDIO_SESSION_COOKIE, studioAccess } from './access'

/** Someone the Studio's own routes answer: who they are, and whether their role may change what they see. */
export type StudioEditor = { id: string; name: string; canWrite: boolean }

/** Sanity's roles that may write documents; the others (viewer, contributor's drafts only) may look. */
const WRITING_ROLES = new Set(['administrator', 'editor'])

const LOCAL_EDITOR: StudioEditor = { id: 'local-editor', name: 'Local editor', canWrite: true }

/** `/users/me` also lists the project roles, which @sanity/client's type leaves out. */
type Me = Partial<CurrentSanityUser> & { roles?: Array<{ name?: string }> }

/**
 * Who is asking, for the Studio's routes that read or change the record of commerce (stock), or a
 * 401. Locally: exactly whoever may use the local Studio (a browser on this machine, or an editor
 * signed in with LOCAL_STUDIO_PASSWORD), as the local editor. With a real Sanity project: the
 * bearer of a Sanity token that Sanity itself says belongs to a member of this project (its
 * `/users/me`); the Studio signs in with `loginMethod: 'token'`, so it has one to send.
 * `sanityApiHost` stands in for Sanity's API host (tests).
 */
export async function studioEditor(
  req: NextRequest,
  { sanityApiHost }: { sanityApiHost?: string } = {},
): Promise<StudioEditor> {
  const { sanity } = config()
  if (sanity.mode === 'local') {
    // As for the lake proxy: a rebound DNS name would make a hostile page "same origin" with a loopback client.
    if (!isSiteHost(req)) throw new HttpError(421, 'This request was not addressed to this site')
    if (studioAccess(req, req.cookies.get(STUDIO_SESSION_COOKIE)?.value) !== 'allowed')
      throw new HttpError(401, 'Sign in to the Studio first')
    return LOCAL_EDITOR
  }
  const token = /^Bearer (\S{8,2000})$/.exec(req.headers.get('authorization') ?? '')?.[1]
  if (!token) throw new HttpError(401, 'Sign in to the Studio first')
  const me = await sanityUser(token, sanity, sanityApiHost)
  const roles = [...(me.roles ?? []).map((role) => role.name), me.role].filter(
    (name): name is string => Boolean(name),
  )
  // Without the project's hostname answering with a role, the token is not this project's member.
  if (!me.id || roles.length === 0) throw new HttpError(401, 'Sign in to the Studio first')
  return {
    id: me.id,
    name: me.name || me.id,
    canWrite: roles.some((role) => WRITING_ROLES.has(role)),
  }
}

async function sanityUser(
  token: string,
  sanity: { projectId: string; dataset: string; apiVersion: string },
  apiHost: string | undefined,
): Promise<Me> {
  const client = createClient({
    projectId: sanity.projectId,
    dataset: sanity.dataset,
    apiVersion: sanity.apiVersion,
    ...(apiHost ? { apiHost, useProjectHostname: false } : {}),
    useCdn: false,
    token,
    timeout: 10_000,
    maxRetries: 1,
  })
  try {
    return await client.request<Me>({ uri: '/users/me', tag: 'restwell.studio-editor' })
  } catch (error) {
    if (error instanceof ClientError && (error.statusCode === 401 || error.statusCode === 403))
      throw new HttpError(401, 'Sign in to the Studio first')
    console.warn(`[studio] Sanity could not say who is asking: ${(error as Error).message}`)
    throw new HttpError(
      503,
      'Sanity cannot confirm who you are right now; try again in a moment',
      {},
      { 'retry-after': '5' },
    )
  }
}
