import type {
  CreateProductBody, ListProductsQuery, Page, ProductSummary, ProductView, ShopProductsQuery, UpdateProductBody,
} from '@hotland/contracts'
import { http } from './http'

const id = (s: string) => encodeURIComponent(s)

export const catalogApi = {
  /** On-sale products for everyone; filter by county, category, keyword or shop. */
  list: (query: ListProductsQuery = {}) => http<Page<ProductSummary>>('/products', { query: { ...query } }),
  /** All statuses, for shop members. */
  shopProducts: (shopId: string, query: ShopProductsQuery = {}) =>
    http<Page<ProductSummary>>(`/shops/${id(shopId)}/products`, { query: { ...query } }),
  get: (productId: string) => http<ProductView>(`/products/${id(productId)}`),
  create: (shopId: string, body: CreateProductBody) =>
    http<ProductView>(`/shops/${id(shopId)}/products`, { method: 'POST', body }),
  update: (productId: string, body: UpdateProductBody) =>
    http<ProductView>(`/products/${id(productId)}`, { method: 'PATCH', body }),
}
