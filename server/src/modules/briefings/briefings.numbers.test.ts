import { describe, expect, it } from 'vitest';
import {
  chineseOrdinal,
  dateZh,
  pointsText,
  valueText,
  yiText,
  yoyText,
  yuanText,
} from './briefings.numbers';

describe('official number style', () => {
  it('amounts: 亿元 to one decimal, 万元 for small amounts', () => {
    expect(yuanText(230_000_000_000)).toBe('2300.0亿元');
    expect(yuanText(515_000_000)).toBe('5.2亿元');
    expect(yuanText(120_000_000)).toBe('1.2亿元');
    expect(yuanText(48_000_000)).toBe('4800万元');
    expect(yuanText(1_234_567)).toBe('123.5万元');
    expect(yuanText(5_000)).toBe('5000元');
    expect(yiText(2300)).toBe('2300.0亿元');
    expect(yiText(0.65)).toBe('6500万元');
  });
  it('year on year', () => {
    expect(yoyText(40)).toBe('同比增长40.0%');
    expect(yoyText(39.99)).toBe('同比增长40.0%');
    expect(yoyText(-28.3)).toBe('同比下降28.3%');
    expect(yoyText(0)).toBe('与上年同期持平');
    expect(yoyText(null)).toBe('');
    expect(pointsText(3.25)).toBe('比上年同期提高3.3个百分点');
    expect(pointsText(-1)).toBe('比上年同期降低1.0个百分点');
  });
  it('values by kind, dates and ordinals', () => {
    expect(valueText('count', 4, '个')).toBe('4个');
    expect(valueText('count', 560, '家')).toBe('560家');
    expect(valueText('rate', 86.7, '%')).toBe('86.7%');
    expect(valueText('mean', 88, '天')).toBe('88天');
    expect(valueText('mean', 54.5, '天')).toBe('54.5天');
    expect(valueText('amount', null, '亿元')).toBe('—');
    expect(dateZh('2024-12-31')).toBe('2024年12月31日');
    expect(dateZh('2024-03')).toBe('2024年3月');
    expect([1, 5, 10, 11, 20].map(chineseOrdinal)).toEqual(['一', '五', '十', '十一', '二十']);
  });
});
