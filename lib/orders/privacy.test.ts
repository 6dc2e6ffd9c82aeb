import { describe, expect, it } from 'vitest'
import type { Order } from './lookup'
import { maskEmail, orderForViewer } from './privacy'

const order = {
  _id: 'order-cs_test_1',
  cartId: 'cart-a',
  email: 'buyer@example.com',
  shippingAddress: { line1: '12 Quiet Lane' },
} as unknown as Order

describe('orderForViewer', () => {
  it('shows everything to the browser whose cart paid', () => {
    expect(orderForViewer(order, 'cart-a')).toBe(order)
  })

  it('masks the email and drops the address for anyone else with the URL', () => {
    const shown = orderForViewer(order, 'cart-b')
    expect(shown.email).toBe('b•••@example.com')
    expect(shown.shippingAddress).toBeNull()
  })

  it('shows nothing private for an order that recorded no cart', () => {
    expect(orderForViewer({ ...order, cartId: null }, 'cart-a').shippingAddress).toBeNull()
  })

  it('masks odd addresses without leaking them', () => {
    expect(maskEmail('@example.com')).toBe('•••')
    expect(maskEmail('nobody')).toBe('•••')
  })
})
