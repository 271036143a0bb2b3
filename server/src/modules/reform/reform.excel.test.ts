import { describe, expect, it } from 'vitest';
import { CellError } from '../../core/excel/types';
import {
  formatMilestones,
  formatTargets,
  parseMilestoneCell,
  parseNodeDate,
  parseTargetCell,
} from './reform.excel';

describe('reform ledger cells', () => {
  it('reads 时间节点 in the ways people write them', () => {
    expect(
      parseMilestoneCell('2025-03-31 完成方案；2025.6.30 出台文件\n2025年9月底前 全面实施', 2025),
    ).toEqual([
      { dueOn: '2025-03-31', title: '完成方案' },
      { dueOn: '2025-06-30', title: '出台文件' },
      { dueOn: '2025-09-30', title: '全面实施' },
    ]);
    expect(parseNodeDate('6月底前完成试点', 2025)).toEqual({ date: '2025-06-30', rest: '完成试点' });
    expect(parseNodeDate('2024年2月底 提交', 2030)).toEqual({ date: '2024-02-29', rest: '提交' });
    expect(parseNodeDate('2025年12月31日：总结', 2025)).toEqual({ date: '2025-12-31', rest: '总结' });
    expect(parseNodeDate('2025-02-30 x', 2025)).toBeNull();
    expect(() => parseMilestoneCell('尽快完成方案', 2025)).toThrow(CellError);
  });

  it('reads and writes 目标值', () => {
    const t = parseTargetCell(
      '签约到开工平均天数：150→≤90天（实际 96）；“一件事”数量：21项;知识产权质押融资：20→30亿元',
    );
    expect(t).toEqual([
      {
        metric: '签约到开工平均天数',
        baseline: 150,
        target: 90,
        unit: '天',
        direction: 'decrease',
        actual: 96,
      },
      { metric: '“一件事”数量', baseline: null, target: 21, unit: '项', direction: 'increase', actual: null },
      {
        metric: '知识产权质押融资',
        baseline: 20,
        target: 30,
        unit: '亿元',
        direction: 'increase',
        actual: null,
      },
    ]);
    expect(() => parseTargetCell('越多越好')).toThrow(CellError);
    // what the export writes, the import reads back
    const rows = t.map((x, i) => ({
      id: String(i),
      task_id: 't',
      seq: i,
      region_code: '321100',
      indicator_code: null,
      indicator_params: null,
      soe_kpi: null,
      baseline: x.baseline ?? null,
      target: x.target,
      unit: x.unit ?? '',
      direction: x.direction ?? 'increase',
      actual: x.actual ?? null,
      metric: x.metric,
    }));
    expect(parseTargetCell(formatTargets(rows))).toEqual(t);
    expect(
      parseMilestoneCell(
        formatMilestones([
          { due_on: '2025-03-31', title: '完成方案' },
          { due_on: '2025-06-30', title: '出台文件' },
        ]),
        2025,
      ),
    ).toEqual([
      { dueOn: '2025-03-31', title: '完成方案' },
      { dueOn: '2025-06-30', title: '出台文件' },
    ]);
  });
});
