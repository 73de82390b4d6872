import { useId } from 'react';
import { barChartLayout, sortBars, type BarInput } from './bar-chart-layout.ts';
import { formatPercent } from './format.ts';
import { useElementWidth } from './use-element-width.ts';

/**
 * MFA-enabled % per organization as horizontal bars, lowest first. The SVG is one image to assistive
 * technology (its title and a description listing every value); the table beside it carries the same
 * numbers and the links.
 */
export function OrgBarChart({ rows }: { rows: readonly BarInput[] }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const layout = barChartLayout(rows, width);
  const id = useId();
  const described = sortBars(rows)
    .map((r) => `${r.label}: ${r.percent === null ? (r.note ?? 'scan failed') : formatPercent(r.percent)}`)
    .join('; ');
  return (
    <div ref={ref} className="coverage-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        className="bar-chart"
      >
        <title id={`${id}-title`}>MFA-enabled % per organization</title>
        <desc id={`${id}-desc`}>Lowest first. {described}.</desc>
        {layout.ticks.map((t) => (
          <g key={t.label} className="tick">
            <line x1={t.x} x2={t.x} y1={layout.plotTop} y2={layout.plotBottom} />
            <text x={t.x} y={layout.plotBottom + 16} textAnchor="middle">{t.label}</text>
          </g>
        ))}
        {layout.bars.map((b) => (
          <g key={b.key} className={b.percent === null ? (b.valueText === 'scan failed' ? 'bar failed' : 'bar empty') : 'bar'} data-org={b.key}>
            <title>{`${b.fullLabel}: ${b.valueText}`}</title>
            <text className="bar-label" x={b.labelX} y={b.labelY} textAnchor={b.labelAnchor}>{b.label}</text>
            <rect className="bar-track" x={b.barX} y={b.barY} width={layout.plotWidth} height={b.barHeight} rx={2} />
            {b.percent !== null && <rect className="bar-fill" x={b.barX} y={b.barY} width={b.barWidth} height={b.barHeight} rx={2} />}
            <text className="bar-value" x={b.valueX} y={b.valueY}>{b.valueText}</text>
          </g>
        ))}
      </svg>
    </div>
  );
}
