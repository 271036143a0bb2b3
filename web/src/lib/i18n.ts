import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@contracts/errors';
import { en } from './locales/en';
import { zhCN, type Messages } from './locales/zh-CN';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export const LANGUAGES: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

const STORAGE_KEY = 'gongjian.lang';

const isLocale = (v: unknown): v is Locale => v === 'zh-CN' || v === 'en';

function readStoredLanguage(): Locale | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

/** True once the user has picked a language on this device (then the account's default no longer applies). */
export const hasStoredLanguage = () => readStoredLanguage() !== null;

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: readStoredLanguage() ?? 'zh-CN',
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The current UI language, always one of the two the server understands. */
export const currentLanguage = (): Locale => (isLocale(i18n.language) ? i18n.language : 'zh-CN');

/** Switches the UI language; `remember` stores the choice on this device. */
export function setLanguage(lang: Locale, remember = true): void {
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
  void i18n.changeLanguage(lang);
}

/** Picks the zh or en half of a bilingual label from contracts/ (PERMISSION_LABELS, DATA_SCOPE_LABELS). */
export const pickLabel = (label: { zh: string; en: string }, lang: string): string =>
  lang === 'en' ? label.en : label.zh;

/** Translates a key built at run time (e.g. an audit action), falling back to the raw value. */
export function translateOr(key: string, fallback: string): string {
  return i18n.exists(key) ? String(i18n.t(key as never)) : fallback;
}

export { i18n };
