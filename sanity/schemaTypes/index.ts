import { article, faqItem } from './article'
import { author } from './author'
import { blockContent, productCard } from './blockContent'
import { category } from './category'
import { order, orderLine } from './order'
import { product, productVariant } from './product'
import { promotion } from './promotion'
import { shippingRate, storeSettings } from './storeSettings'

export const schemaTypes = [
  article,
  faqItem,
  blockContent,
  productCard,
  product,
  productVariant,
  category,
  author,
  order,
  orderLine,
  promotion,
  storeSettings,
  shippingRate,
]
