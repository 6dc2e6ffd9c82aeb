import { unstable_rethrow } from 'next/navigation'
import { NextResponse } from 'next/server'
import { databaseMisconfiguration, isDatabaseUnavailable } from '../db/errors'

/** An error a route answers with its own status and a JSON `{ error }` body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export function errorResponse(error: unknown) {
  if (error instanceof HttpError) {
    return NextResponse.json(
      { error: error.message, ...error.details },
      { status: error.status, headers: error.headers },
    )
  }
  if (isDatabaseUnavailable(error)) {
    // Nothing was written (every write is one transaction), so trying again shortly is safe.
    const misconfigured = databaseMisconfiguration(error)
    if (misconfigured) console.error(`[db] misconfigured: ${misconfigured}`)
    else console.warn(`[db] unavailable: ${(error as Error)?.message}`)
    return NextResponse.json(
      {
        error:
          'The store cannot take this request right now. Nothing was charged; please try again in a moment.',
      },
      { status: 503, headers: { 'retry-after': '5' } },
    )
  }
  console.error(error)
  return NextResponse.json(
    { error: 'Something went wrong on our side. Please try again.' },
    { status: 500 },
  )
}

/** Wraps a route handler so every failure becomes a JSON `{ error }` answer; Next's own `redirect()` passes through. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args)
    } catch (error) {
      unstable_rethrow(error)
      return errorResponse(error)
    }
  }
}

/** For methods a route does not support: Next would answer 405 with no body; we answer JSON. */
export const methodNotAllowed = async () =>
  NextResponse.json({ error: 'Method not allowed' }, { status: 405 })
