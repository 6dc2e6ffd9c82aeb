import type { Route } from '../../http/router'
import type { ApiContext, RootContext } from '../context'
import { HEALTH_PATH } from '../../shared/health'
import * as checkoutSessions from './checkout-sessions'
import * as coupons from './coupons'
import * as customers from './customers'
import { health } from './health'
import { payPage } from './pay-page'
import * as paymentIntents from './payment-intents'
import * as refunds from './refunds'
import { settle } from './test-control'

/** Outside the API, matched against the path exactly as written: each writes its own answer. */
export const ROOT_ROUTES: Route<RootContext>[] = [
  { methods: ['*'], pattern: HEALTH_PATH, handle: health },
  { methods: ['GET', 'POST'], pattern: '/pay/:id', handle: payPage },
  { methods: ['POST'], pattern: '/_test/checkout/sessions/:id/settle', handle: settle },
]

/**
 * Under `/v1`, first match wins. Each handler returns the object Stripe answers with (200) or
 * throws a StripeError; the server answers both as JSON, and keeps them under idempotency keys.
 */
export const API_ROUTES: Route<ApiContext>[] = [
  { methods: ['POST'], pattern: '/checkout/sessions', handle: checkoutSessions.create },
  { methods: ['GET'], pattern: '/checkout/sessions/:id', handle: checkoutSessions.retrieve },
  {
    methods: ['GET'],
    pattern: '/checkout/sessions/:id/line_items',
    handle: checkoutSessions.listLineItems,
  },
  { methods: ['POST'], pattern: '/checkout/sessions/:id/expire', handle: checkoutSessions.expire },
  { methods: ['POST'], pattern: '/coupons', handle: coupons.create },
  { methods: ['GET'], pattern: '/coupons/:id', handle: coupons.retrieve },
  { methods: ['DELETE'], pattern: '/coupons/:id', handle: coupons.remove },
  { methods: ['POST'], pattern: '/customers', handle: customers.create },
  { methods: ['GET'], pattern: '/customers/:id', handle: customers.retrieve },
  { methods: ['POST'], pattern: '/customers/:id', handle: customers.update },
  { methods: ['DELETE'], pattern: '/customers/:id', handle: customers.remove },
  { methods: ['GET'], pattern: '/payment_intents/:id', handle: paymentIntents.retrieve },
  { methods: ['POST'], pattern: '/refunds', handle: refunds.create },
  { methods: ['GET'], pattern: '/refunds/:id', handle: refunds.retrieve },
]
