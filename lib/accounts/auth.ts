import 'server-only'
import { waitUntil } from '@vercel/functions'
import { betterAuth } from 'better-auth'
import { drizzleAdapter } from 'better-auth/adapters/drizzle'
import { emailOTP } from 'better-auth/plugins'
import { db } from '../db/client'
import { authAccounts, authSessions, authUsers, authVerifications } from '../db/schema'
import { config } from '../env'
import { sendEmail } from '../mail/send'
import { SignInCodeEmail, type CodePurpose } from '../mail/SignInCodeEmail'
import { claimOrders } from './claim'
import { mirrorNow } from './mirrors'

/**
 * Customer accounts through Better Auth: a 6-digit code by email (its email-OTP plugin), sessions
 * and codes in the store's PostgreSQL (lib/db/schema.ts), so every instance (or a serverless
 * host) sees the same sessions and the same tries left on a code. No passwords: a passkey can
 * be added later as another sign-in method (Better Auth's passkey plugin, the `auth_accounts` table).
 */
export const AUTH_BASE_PATH = '/api/auth'
export const COOKIE_PREFIX = 'restwell'
export const CODE_MINUTES = 10
/** Wrong codes before a code is spent and a new one must be asked for. */
const CODE_TRIES = 3
const DAY_S = 24 * 60 * 60

/** Where the emailed link leads: the page that fills in the code, for the buyer to confirm (a mail scanner's visit uses nothing). */
function codeLink(email: string, code: string, purpose: CodePurpose) {
  const page = purpose === 'sign-in' ? '/sign-in' : '/account/email'
  return `${config().siteUrl}${page}?${new URLSearchParams({ email, code })}`
}

/** Sends the code after the answer, so the answer takes as long whoever the email belongs to. */
function mailCode(email: string, code: string, purpose: CodePurpose) {
  const sending = sendEmail({
    to: email,
    subject:
      purpose === 'sign-in'
        ? `Your Restwell sign-in code: ${code}`
        : `Confirm your new Restwell email: ${code}`,
    body: SignInCodeEmail({
      code,
      link: codeLink(email, code, purpose),
      purpose,
      minutes: CODE_MINUTES,
    }),
  }).catch((error) =>
    console.warn(
      `[accounts] could not send a ${purpose} code: ${(error as Error)?.message ?? error}`,
    ),
  )
  waitUntil(sending)
}

/** Orders placed with an address become the account's once that address is proven (lib/accounts/claim.ts). */
async function claimWhenVerified(user: { id: string; email: string; emailVerified: boolean }) {
  if (!user.emailVerified) return
  const claimed = await claimOrders(user.id, user.email)
  // The Studio's mirrors show the new owner soon after, without holding up the sign-in.
  if (claimed.length > 0) waitUntil(mirrorNow(claimed))
}

function createAuth() {
  const { siteUrl, authSecret, production } = config()
  return betterAuth({
    appName: 'Restwell',
    baseURL: siteUrl,
    basePath: AUTH_BASE_PATH,
    secret: authSecret,
    trustedOrigins: [siteUrl],
    database: drizzleAdapter(db(), {
      provider: 'pg',
      schema: {
        user: authUsers,
        session: authSessions,
        account: authAccounts,
        verification: authVerifications,
      },
    }),
    user: {
      additionalFields: { stripeCustomerId: { type: 'string', required: false, input: false } },
      changeEmail: { enabled: true },
    },
    // Every request reads its session row, so signing out (one session or all) takes effect at once everywhere.
    // freshAge 0: listing sessions (to sign one out) works for a session of any age, not only on
    // its first day; the store has no action that needs a recent sign-in.
    session: {
      expiresIn: 30 * DAY_S,
      updateAge: DAY_S,
      freshAge: 0,
      cookieCache: { enabled: false },
    },
    // Limits are the store's own, in PostgreSQL (app/api/auth/[...all]/route.ts), shared by every instance.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      // HttpOnly and SameSite=Lax are Better Auth's defaults; Secure follows the store's other cookies.
      useSecureCookies: production,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      backgroundTasks: { handler: waitUntil },
      // Sessions are listed by browser and date; an address (which the client can write) is not kept.
      ipAddress: { disableIpTracking: true },
    },
    plugins: [
      emailOTP({
        otpLength: 6,
        expiresIn: CODE_MINUTES * 60,
        allowedAttempts: CODE_TRIES,
        storeOTP: 'hashed',
        changeEmail: { enabled: true },
        sendVerificationOTP: async ({ email, otp, type }) => {
          if (type === 'sign-in' || type === 'change-email') mailCode(email, otp, type)
        },
      }),
    ],
    databaseHooks: {
      user: {
        create: { after: claimWhenVerified },
        update: { after: claimWhenVerified },
      },
    },
  })
}

export type Auth = ReturnType<typeof createAuth>

// One instance per database (tests switch DATABASE_URL), kept across the dev server's reloads.
const shared = globalThis as typeof globalThis & { restwellAuth?: Map<string, Auth> }

export function auth(): Auth {
  const key = `${config().database.url} ${config().siteUrl}`
  shared.restwellAuth ??= new Map()
  let found = shared.restwellAuth.get(key)
  if (!found) shared.restwellAuth.set(key, (found = createAuth()))
  return found
}
