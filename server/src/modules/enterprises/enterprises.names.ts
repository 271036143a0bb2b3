import { pinyin } from 'pinyin-pro';

/** Pinyin initials of a Chinese name for search ("镇江华东精密机械有限公司" → "zjhdjmjxyxgs"); other characters kept, lower-cased. */
export function nameInitials(name: string): string {
  return pinyin(name.trim(), { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 200);
}
