import type { Metadata } from 'next'
import { FindOrderForm } from '@/components/FindOrderForm'

export const metadata: Metadata = {
  title: 'Find my order',
  description: 'Get the link to your Restwell order by email.',
  alternates: { canonical: '/orders' },
}

export default function FindOrderPage() {
  return (
    <div className="mx-auto max-w-xl px-4 py-14 sm:px-6">
      <h1 className="font-serif text-4xl text-night">Find my order</h1>
      <p className="mt-3 text-night/75">
        Enter the email address you ordered with and your order number (it is in your confirmation
        email, and looks like RW-1A2B3C4D). We will email you the link to your order.
      </p>
      <FindOrderForm />
    </div>
  )
}
