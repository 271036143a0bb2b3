import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Registered module by module: only the charts and components the dashboard draws.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  FunnelChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

export type ChartClick = { seriesIndex?: number; dataIndex: number; name: string; data?: unknown };

/** An ECharts chart that resizes with its card and reports clicks on its data points (for drill-down). */
export function DashChart({
  option,
  height = 300,
  onClick,
  'data-testid': testId,
}: {
  option: EChartsCoreOption;
  height?: number;
  onClick?: (p: ChartClick) => void;
  'data-testid'?: string;
}) {
  const events = useMemo(() => (onClick ? { click: (p: ChartClick) => onClick(p) } : undefined), [onClick]);
  return (
    <div data-testid={testId} style={{ width: '100%', minWidth: 0, cursor: onClick ? 'pointer' : undefined }}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        lazyUpdate
        onEvents={events}
        style={{ height, width: '100%' }}
      />
    </div>
  );
}
