import type { ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIGHT_COLOR_LABELS, type LightColor } from '@contracts/schemas/lights';
import { pickLabel } from '@/lib/i18n';

const TAG_COLOR: Record<LightColor, string> = { green: 'success', yellow: 'warning', red: 'error' };
export const LIGHT_DOT: Record<LightColor, string> = { green: '#52c41a', yellow: '#faad14', red: '#ff4d4f' };

/** 红黄绿灯 as a coloured tag; `tooltip` explains it (which rule fired on which figures since when). */
export function LightTag({ light, tooltip }: { light: LightColor | null | undefined; tooltip?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const tag = light ? (
    <Tag color={TAG_COLOR[light]} data-testid="light-tag" data-light={light} style={{ marginInlineEnd: 0 }}>
      <span
        aria-hidden
        style={{
          display: 'inline-block',
          width: 8,
          height: 8,
          borderRadius: 4,
          background: LIGHT_DOT[light],
          marginInlineEnd: 4,
        }}
      />
      {pickLabel(LIGHT_COLOR_LABELS[light], i18n.language)}
    </Tag>
  ) : (
    <Tag data-testid="light-tag" data-light="none" style={{ marginInlineEnd: 0 }}>
      {t('lights.none')}
    </Tag>
  );
  return tooltip ? (
    <Tooltip title={tooltip}>
      <span style={{ cursor: 'help' }}>{tag}</span>
    </Tooltip>
  ) : (
    tag
  );
}
