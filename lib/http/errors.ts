import { NextResponse } from 'next/server'

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
    return NextResponse.json({ error: error.message, ...error.details }, { status: error.status, headers: error.headers })
  }
  console.error(error)
  return NextResponse.json({ error: 'Something went wrong on our side. Please try again.' }, { status: 500 })
}

/** Wraps a route handler so every failure becomes a JSON `{ error }` answer. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args)
    } catch (error) {
      return errorResponse(error)
    }
  }
}

/** For methods a route does not support: Next would answer 405 with no body; we answer JSON. */
export const methodNotAllowed = async () => NextResponse.json({ error: 'Method not allowed' }, { status: 405 })
