import { useEffect, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { installAuthBridge } from '@/lib/auth';
import { i18n } from '@/lib/i18n';
import { setNotifyApi } from '@/lib/notify';
import { queryClient } from '@/lib/query-client';

installAuthBridge(queryClient);

// dayjs and <html lang> follow the UI language; set before the first render and on every switch.
function applyLanguage(lang: string) {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
}
applyLanguage(i18n.language);
i18n.on('languageChanged', applyLanguage);

/** Hands antd's context-aware message/modal to code outside React (lib/notify). */
function NotifyBridge() {
  const { message, modal } = AntApp.useApp();
  useEffect(() => setNotifyApi(message, modal), [message, modal]);
  return null;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const { i18n: current } = useTranslation();
  const isEn = current.language === 'en';
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={isEn ? enUS : zhCN}
        button={{ autoInsertSpace: false }}
        theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
      >
        <AntApp>
          <NotifyBridge />
          {children}
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
