import type { DefaultDocumentNodeResolver, StructureResolver } from 'sanity/structure'
import { API_VERSION } from '../api-version'
import { STORE_SETTINGS_ID } from '../schemaTypes/storeSettings'
import { RevenueByArticle } from './RevenueByArticle'
import { StockView } from './stock/StockView'

/** Types editors never create or edit: written by the checkout and the Stripe webhook. */
export const SYSTEM_TYPES = ['order']

/** Types with exactly one document, edited in place rather than listed. */
export const SINGLETON_TYPES = ['storeSettings']

export const structure: StructureResolver = (S) =>
  S.list()
    .title('Restwell')
    .items([
      S.documentTypeListItem('article').title('Articles'),
      S.listItem()
        .title('Products')
        .child(
          S.list()
            .title('Products')
            .items([
              S.listItem()
                .title('All products')
                .child(S.documentTypeList('product').title('All products')),
              S.divider(),
              S.listItem()
                .title('By category')
                .child(
                  S.documentTypeList('category')
                    .title('Products by category')
                    .child((categoryId) =>
                      S.documentList()
                        .title('Products')
                        .apiVersion(API_VERSION)
                        .filter('_type == "product" && category._ref == $categoryId')
                        .params({ categoryId }),
                    ),
                ),
            ]),
        ),
      S.documentTypeListItem('category').title('Categories'),
      S.documentTypeListItem('author').title('Authors'),
      S.divider(),
      S.documentTypeListItem('promotion').title('Promotion codes'),
      S.listItem()
        .id('settings')
        .title('Store settings')
        .child(
          S.document()
            .schemaType('storeSettings')
            .documentId(STORE_SETTINGS_ID)
            .title('Store settings'),
        ),
      S.divider(),
      S.listItem()
        .id('orders')
        .title('Orders')
        .child(
          S.documentTypeList('order')
            .title('Orders (newest first)')
            .defaultOrdering([{ field: 'createdAt', direction: 'desc' }])
            .canHandleIntent(() => false)
            .initialValueTemplates([]),
        ),
      S.listItem()
        .id('revenue')
        .title('Revenue by article')
        .child(S.component(RevenueByArticle).title('Revenue by article')),
    ])

/** A product opens on its fields, with its stock (kept in the store's database, not the document) one tab away. */
export const defaultDocumentNode: DefaultDocumentNodeResolver = (S, { schemaType }) =>
  schemaType === 'product'
    ? S.document().views([S.view.form(), S.view.component(StockView).id('stock').title('Stock')])
    : S.document()
