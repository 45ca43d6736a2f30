import { computed, reactive, ref } from 'vue'
import type { Category, CreateProductBody, ProductStatus, ProductView } from '@hotland/contracts'
import { catalogApi } from '@/api/catalog'
import type { UploadedImage } from '@/components/ImageUploader.vue'
import { newSkuRow, rowsToSkus, skuRowFromView, type SkuRow, type SkuRowErrors } from './skuForm'

export interface ProductFormModel {
  title: string
  description: string
  category: Category
  originCountyCode: string
  isFresh: boolean
  status: ProductStatus
  images: UploadedImage[]
  skus: SkuRow[]
}

/** Load (when editing) and save a product. Pages stay thin; the rules for turning the form into a body live here. */
export function useProductForm(shopId: () => string, productId: () => string | undefined) {
  const model = reactive<ProductFormModel>({
    title: '', description: '', category: 'fruit', originCountyCode: '', isFresh: true, status: 'on_sale',
    images: [], skus: [newSkuRow()],
  })
  const skuErrors = ref<SkuRowErrors[]>([])
  const loading = ref(false)
  const loadError = ref<unknown>(null)
  const saving = ref(false)
  const editing = computed(() => !!productId())

  function fill(p: ProductView) {
    Object.assign(model, {
      title: p.title, description: p.description, category: p.category, originCountyCode: p.originCountyCode,
      isFresh: p.isFresh, status: p.status,
      images: p.images.map((i) => ({ id: i.id, url: i.urls.medium })),
      skus: p.skus.map(skuRowFromView),
    })
  }

  async function load() {
    const id = productId()
    if (!id) return
    loading.value = true
    loadError.value = null
    try {
      fill(await catalogApi.get(id))
    } catch (err) {
      loadError.value = err
    } finally {
      loading.value = false
    }
  }

  /** Returns null when the SKU rows need fixing (skuErrors says where); throws ApiError from the server. */
  async function save(): Promise<ProductView | null> {
    const { skus, errors, ok } = rowsToSkus(model.skus)
    skuErrors.value = errors
    if (!ok) return null
    const body: CreateProductBody = {
      title: model.title.trim(),
      description: model.description.trim(),
      category: model.category,
      originCountyCode: model.originCountyCode,
      isFresh: model.isFresh,
      status: model.status,
      imageIds: model.images.map((i) => i.id),
      skus,
    }
    saving.value = true
    try {
      const id = productId()
      return id ? await catalogApi.update(id, body) : await catalogApi.create(shopId(), body)
    } finally {
      saving.value = false
    }
  }

  return { model, skuErrors, loading, loadError, saving, editing, load, save }
}
