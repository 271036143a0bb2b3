import type { MessageInstance } from 'antd/es/message/interface';
import type { HookAPI as ModalHookAPI } from 'antd/es/modal/useModal';

/**
 * Toasts from outside React (query-cache error handlers). The providers hand over antd's
 * App.useApp() instances so the toasts follow the theme and language; before that, nothing is shown.
 */
let messageApi: MessageInstance | null = null;
let modalApi: ModalHookAPI | null = null;

export function setNotifyApi(message: MessageInstance, modal: ModalHookAPI): void {
  messageApi = message;
  modalApi = modal;
}

export const notify = {
  error: (text: string) => void messageApi?.error(text),
  success: (text: string) => void messageApi?.success(text),
  warning: (text: string) => void messageApi?.warning(text),
  info: (text: string) => void messageApi?.info(text),
  alert: (title: string, content: string) => void modalApi?.warning({ title, content }),
};
