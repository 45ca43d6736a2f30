// Vant's function APIs lose their CSS when imported explicitly under @vant/auto-import-resolver (vant#13109, #12709).
// Import them here, with their styles, and nowhere else.
import {
  closeToast, showConfirmDialog, showDialog, showFailToast, showImagePreview, showLoadingToast, showSuccessToast, showToast,
} from 'vant'
import 'vant/es/toast/style'
import 'vant/es/dialog/style'
import 'vant/es/image-preview/style'
export {
  closeToast, showConfirmDialog, showDialog, showFailToast, showImagePreview, showLoadingToast, showSuccessToast, showToast,
}
