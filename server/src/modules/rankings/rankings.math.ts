/**
 * 比学赶超 scoring, pure. A method lists indicators with weights and a direction (higher / lower is better) and
 * one normalisation:
 *
 *   min_max        higher: (x − min) ÷ (max − min)          lower: (max − x) ÷ (max − min)        all equal → 1
 *   z_score        higher: (x − mean) ÷ sd                   lower: (mean − x) ÷ sd                sd = 0 → 0
 *   ratio_to_best  higher: x ÷ max                           lower: min ÷ x (x = 0 → 1)            best ≤ 0 → 1 if x is the best, else 0
 *
 * points = weight × normalised; score = Σ points (2 decimals); a subject without a figure for an indicator
 * (e.g. no plan, so no completion rate) gets 0 points for it and is flagged `missing`. Ranks are competition
 * ranks on the score (1, 1, 3): equal scores share a rank.
 */
import type { Direction, Normalisation } from '../../../../contracts/schemas/results';
import { round } from '../indicators/indicators.aggregate';

export function normalise(
  values: ReadonlyArray<number | null>,
  direction: Direction,
  method: Normalisation,
): Array<number | null> {
  const present = values.filter((v): v is number => v !== null);
  if (!present.length) return values.map(() => null);
  const min = Math.min(...present);
  const max = Math.max(...present);
  switch (method) {
    case 'min_max':
      return values.map((v) =>
        v === null
          ? null
          : max === min
            ? 1
            : direction === 'higher'
              ? (v - min) / (max - min)
              : (max - v) / (max - min),
      );
    case 'z_score': {
      const mean = present.reduce((s, v) => s + v, 0) / present.length;
      const sd = Math.sqrt(present.reduce((s, v) => s + (v - mean) ** 2, 0) / present.length);
      return values.map((v) =>
        v === null ? null : sd === 0 ? 0 : direction === 'higher' ? (v - mean) / sd : (mean - v) / sd,
      );
    }
    case 'ratio_to_best':
      return values.map((v) => {
        if (v === null) return null;
        if (direction === 'higher') return max > 0 ? v / max : v === max ? 1 : 0;
        if (v === 0) return 1;
        return min > 0 ? min / v : v === min ? 1 : 0;
      });
  }
}

export type ScoreInput = {
  subjects: ReadonlyArray<{ key: string; name: string }>;
  indicators: ReadonlyArray<{
    code: string;
    weight: number;
    direction: Direction;
    values: ReadonlyArray<number | null>;
  }>;
  normalisation: Normalisation;
};

export type ScoredRow = {
  key: string;
  name: string;
  score: number;
  rank: number;
  cells: Array<{
    code: string;
    raw: number | null;
    normalised: number | null;
    points: number;
    missing: boolean;
  }>;
};

export function score(input: ScoreInput): ScoredRow[] {
  const norms = input.indicators.map((ind) => normalise(ind.values, ind.direction, input.normalisation));
  const rows = input.subjects.map((s, i) => {
    const cells = input.indicators.map((ind, k) => {
      const raw = ind.values[i] ?? null;
      const n = norms[k]![i] ?? null;
      return {
        code: ind.code,
        raw,
        normalised: n === null ? null : round(n, 4),
        points: n === null ? 0 : round(ind.weight * n, 2),
        missing: raw === null,
      };
    });
    const total = round(
      input.indicators.reduce(
        (sum, ind, k) => sum + (norms[k]![i] === null ? 0 : ind.weight * norms[k]![i]!),
        0,
      ),
      2,
    );
    return { key: s.key, name: s.name, score: total, rank: 0, cells };
  });
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  sorted.forEach((r, i) => {
    r.rank = i > 0 && sorted[i - 1]!.score === r.score ? sorted[i - 1]!.rank : i + 1;
  });
  return sorted;
}

const NORM_TEXT: Record<Normalisation, { zh: (d: Direction) => string; en: (d: Direction) => string }> = {
  min_max: {
    zh: (d) =>
      d === 'higher' ? '（该单位值－最小值）÷（最大值－最小值）' : '（最大值－该单位值）÷（最大值－最小值）',
    en: (d) => (d === 'higher' ? '(value − min) ÷ (max − min)' : '(max − value) ÷ (max − min)'),
  },
  z_score: {
    zh: (d) => (d === 'higher' ? '（该单位值－平均值）÷ 标准差' : '（平均值－该单位值）÷ 标准差'),
    en: (d) =>
      d === 'higher' ? '(value − mean) ÷ standard deviation' : '(mean − value) ÷ standard deviation',
  },
  ratio_to_best: {
    zh: (d) => (d === 'higher' ? '该单位值 ÷ 最大值' : '最小值 ÷ 该单位值'),
    en: (d) => (d === 'higher' ? 'value ÷ max' : 'min ÷ value'),
  },
};

/** The method in words, published beside the table. */
export function formulaText(
  normalisation: Normalisation,
  indicators: ReadonlyArray<{ name: string; weight: number; direction: Direction }>,
): { zh: string; en: string } {
  const zhItems = indicators
    .map(
      (i) =>
        `${i.name}（权重${i.weight}，${i.direction === 'higher' ? '越高越好' : '越低越好'}，标准化值＝${NORM_TEXT[normalisation].zh(i.direction)}）`,
    )
    .join('；');
  const enItems = indicators
    .map(
      (i) =>
        `${i.name} (weight ${i.weight}, ${i.direction === 'higher' ? 'higher is better' : 'lower is better'}, normalised = ${NORM_TEXT[normalisation].en(i.direction)})`,
    )
    .join('; ');
  const tail = {
    min_max: { zh: '各单位值相同时标准化值取1', en: 'all equal → 1' },
    z_score: { zh: '标准差为0时标准化值取0', en: 'standard deviation 0 → 0' },
    ratio_to_best: { zh: '越低越好的指标值为0时取1', en: 'a lower-is-better value of 0 → 1' },
  }[normalisation];
  return {
    zh: `得分＝Σ（权重×标准化值）。${zhItems}。${tail.zh}；缺少数据的指标记0分并标注；得分相同名次并列。`,
    en: `Score = Σ (weight × normalised value). ${enItems}. ${tail.en}; an indicator without data scores 0 and is flagged; equal scores share a rank.`,
  };
}
