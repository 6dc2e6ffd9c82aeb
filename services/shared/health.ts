import { createHmac, randomBytes } from 'node:crypto'

/**
 * How a local service shows that it is this project's, before the store hands it a token or
 * reuses it: `GET /health?challenge=<random>` answers with an HMAC of the challenge keyed by a
 * secret from `.data/local.env`, which a program that merely took the port cannot know.
 */
export const HEALTH_PATH = '/health'
/** MailDev's, answered before its basic auth asks for credentials that must not go to a stranger. */
export const INBOX_HEALTH_PATH = '/restwell/health'

export function healthProof(secret: string, challenge: string) {
  return createHmac('sha256', secret).update(`restwell-health:${challenge}`).digest('hex')
}

/** The body a service answers `/health` with. */
export function healthAnswer(secret: string, url: URL) {
  const challenge = url.searchParams.get('challenge')
  return { status: 'ok', ...(challenge ? { proof: healthProof(secret, challenge) } : {}) }
}

export const newChallenge = () => randomBytes(16).toString('hex')
