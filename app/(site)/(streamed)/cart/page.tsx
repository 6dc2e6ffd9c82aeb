import type { Metadata } from 'next'
import { CartView } from '@/components/cart/CartView'
import { config } from '@/lib/env'

export const metadata: Metadata = { title: 'Your cart', robots: { index: false } }

type Props = { searchParams: Promise<{ checkout?: string }> }

export default async function CartPage({ searchParams }: Props) {
  const { checkout } = await searchParams
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl text-night">Your cart</h1>
      <CartView
        cancelled={checkout === 'cancelled'}
        taxBehavior={config().stripe.tax?.behavior ?? null}
      />
    </div>
  )
}
