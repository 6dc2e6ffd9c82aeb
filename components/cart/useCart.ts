'use client'

import { useSyncExternalStore } from 'react'
import useSWR, { useSWRConfig } from 'swr'
import { countFromCookies, itemCount } from '@/lib/cart/count'
import type { PricedCart, PricedLine } from '@/lib/cart/pricing'

type CartResponse = { cart: PricedCart }
type CheckoutResponse = { url: string }
type LineRef = { productId: string; variantKey: string }

class CartError extends Error {}

/** The cart's URL, which is also its key in SWR's cache. */
const CART_KEY = '/api/cart'
/**
 * Units added whose answers have not all come yet. A page that has not read the cart (an article:
 * the header's count comes with the page) has no cart to change optimistically; the badge adds
 * these. They are taken back together when the last add settles: SWR keeps only the newest
 * change's answer, so until then the cart's data may not include the earlier adds.
 * Read with `useSWR(ADDING_KEY, null)`, which never fetches (unless a global SWR fetcher is added).
 */
const ADDING_KEY = 'cart:adding'
const adds = { inFlight: 0, units: 0 }
/** A request that never settles would hold up every later one (see `request`). */
const REQUEST_TIMEOUT_MS = 15_000
/** Starting a checkout waits for Stripe, which the server gives 30 s at worst (lib/payments/stripe.ts). */
const CHECKOUT_TIMEOUT_MS = 45_000
const NO_ANSWER = 'The store did not answer. Please try again.'

/**
 * The cart lives in a cookie that every cart answer rewrites, reads included. A request sent
 * before the previous answer arrived would carry the old cookie, and its answer would undo that
 * change (two quick adds kept one line). So this tab's cart requests, and the checkout that reads
 * the cookie, go one at a time.
 */
let previous: Promise<unknown> = Promise.resolve()

function inTurn<T>(send: () => Promise<T>): Promise<T> {
  const turn = previous.then(send)
  previous = turn.catch(() => undefined)
  return turn
}

const isCartResponse = (json: Record<string, unknown>): json is CartResponse => Boolean(json.cart)
const isCheckoutResponse = (json: Record<string, unknown>): json is CheckoutResponse =>
  typeof json.url === 'string'

const request = (method: string, body?: unknown, path = CART_KEY) =>
  inTurn(() => send(method, body, path, isCartResponse))

const readCart = () => request('GET')

/** One JSON request: a refusal's `{ error }`, or an answer that is not what `accept` expects, throws a CartError. */
async function send<T extends Record<string, unknown>>(
  method: string,
  body: unknown,
  path: string,
  accept: (json: Record<string, unknown>) => json is T,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    signal: AbortSignal.timeout(timeoutMs),
  }).catch(() => {
    throw new CartError(NO_ANSWER)
  })
  const json = await res.json().catch(() => ({ error: NO_ANSWER }))
  if (!res.ok || !accept(json)) throw new CartError(json.error ?? NO_ANSWER)
  return json
}

const matches = (line: PricedLine, ref: LineRef) =>
  line.productId === ref.productId && line.variantKey === ref.variantKey

/** An optimistic guess only: the discount and shipping stay as last priced until the server answers. */
function totals(cart: PricedCart, lines: PricedLine[]): PricedCart {
  const subtotal = lines.reduce((sum, l) => sum + l.lineTotal, 0)
  return {
    ...cart,
    lines,
    count: itemCount({ lines }),
    subtotal,
    goodsTotal: Math.max(0, subtotal - cart.discount),
  }
}

/**
 * What changes the cart, without reading it: a component that only adds or clears (an add-to-cart
 * button, of which an article has several) does not subscribe to the cart, so it neither hydrates
 * an SWR subscription nor re-renders when the cart arrives. Changes show at once (optimistic) and
 * roll back if the server refuses them; the server's answer, priced from the lake, always wins.
 * Where no cart has been read, an add shows at once in the header's count only (ADDING_KEY).
 */
export function useCartActions() {
  const { mutate } = useSWRConfig()

  const change = (method: string, body: unknown, optimistic: (cart: PricedCart) => PricedCart) =>
    mutate<CartResponse>(CART_KEY, request(method, body), {
      optimisticData: (current) =>
        current ? { cart: optimistic(current.cart) } : (undefined as never),
      rollbackOnError: true,
      populateCache: true,
      revalidate: false,
    }).catch((error) => {
      // The rollback restores the data from before this change, which may predate an earlier
      // change that succeeded meanwhile: read the cart again (it queues behind any request).
      void mutate(CART_KEY)
      throw error
    })

  return {
    refresh: () => mutate(CART_KEY),
    add: async (line: LineRef & { quantity?: number; sourceArticle?: string }) => {
      const units = line.quantity ?? 1
      adds.inFlight++
      adds.units += units
      await mutate<number>(ADDING_KEY, adds.units, { revalidate: false })
      try {
        return await change('POST', line, (cart) => {
          const existing = cart.lines.find((l) => matches(l, line))
          if (!existing) return { ...cart, count: cart.count + units }
          return totals(
            cart,
            cart.lines.map((l) =>
              l === existing
                ? {
                    ...l,
                    quantity: l.quantity + units,
                    lineTotal: l.unitAmount * (l.quantity + units),
                  }
                : l,
            ),
          )
        })
      } finally {
        if (--adds.inFlight === 0) {
          adds.units = 0
          void mutate<number>(ADDING_KEY, 0, { revalidate: false })
        }
      }
    },
    setQuantity: (ref: LineRef, quantity: number) =>
      change('PATCH', { ...ref, quantity }, (cart) =>
        totals(
          cart,
          cart.lines.flatMap((l) =>
            !matches(l, ref)
              ? [l]
              : quantity === 0
                ? []
                : [{ ...l, quantity, lineTotal: l.unitAmount * Math.min(quantity, l.available) }],
          ),
        ),
      ),
    remove: (ref: LineRef) =>
      change('DELETE', ref, (cart) =>
        totals(
          cart,
          cart.lines.filter((l) => !matches(l, ref)),
        ),
      ),
    clear: () => change('DELETE', undefined, (cart) => totals(cart, [])),
    /** Codes are checked by the server only: no optimistic guess at a discount. */
    applyCode: (code: string) =>
      mutate<CartResponse>(CART_KEY, request('POST', { code }, '/api/cart/promotion'), {
        populateCache: true,
        revalidate: false,
      }),
    removeCode: () =>
      mutate<CartResponse>(CART_KEY, request('DELETE', undefined, '/api/cart/promotion'), {
        populateCache: true,
        revalidate: false,
      }),
    /** Starts Stripe Checkout for the cart in the cookie; resolves to the URL of Stripe's page. */
    checkout: async (body?: unknown) =>
      (
        await inTurn(() =>
          send('POST', body, '/api/checkout', isCheckoutResponse, CHECKOUT_TIMEOUT_MS),
        )
      ).url,
  }
}

const noChanges = () => () => {}
const countCookie = () => countFromCookies(document.cookie)
const unknownOnServer = () => null

/**
 * The header's count: null until the page runs in the browser (the page may be one cached for
 * everyone), then read from the count cookie, so a page load asks the cart API nothing; the badge
 * follows the cart once this page reads or changes it, and when the tab regains focus (another
 * tab may have changed it).
 */
export function useCartCount(): number | null {
  const fromCookie = useSyncExternalStore(noChanges, countCookie, unknownOnServer)
  const { data } = useSWR<CartResponse>(CART_KEY, readCart, {
    revalidateOnMount: false,
    revalidateOnFocus: true,
  })
  const { data: adding = 0 } = useSWR<number>(ADDING_KEY, null)
  if (data) return data.cart.count
  return fromCookie === null ? null : fromCookie + adding
}

/** The cart itself, shared by every component that shows it through SWR, with the actions above. */
export function useCart() {
  const { data, error, isLoading } = useSWR<CartResponse>(CART_KEY, readCart, {
    revalidateOnFocus: true,
  })
  return { cart: data?.cart, error: error as Error | undefined, isLoading, ...useCartActions() }
}
