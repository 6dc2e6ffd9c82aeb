import type { Metadata } from 'next'
import { Catalog } from '@/components/Catalog'
import { parseCatalogParams } from '@/lib/catalog/listing'

export const metadata: Metadata = {
  title: 'Shop sleep essentials',
  description:
    'Magnesium supplements, mattresses, blackout curtains and sleep accessories we recommend.',
  alternates: { canonical: '/products' },
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** The catalogue sorted or filtered, rendered per request; as first shown it comes from `/catalog` (proxy.ts). */
export default async function ProductsPage({ searchParams }: Props) {
  return <Catalog params={parseCatalogParams(await searchParams)} streamed />
}
