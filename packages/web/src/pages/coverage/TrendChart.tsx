import { useId } from 'react';
import { formatDateTime, formatPercent } from './format.ts';
import { trendLayout, trendSummary, type TrendInput } from './trend-layout.ts';
import { useElementWidth } from './use-element-width.ts';

/** Fleet MFA-enabled % by snapshot date as a line, with the same figures in a table below it. */
export function TrendChart({ points, label }: { points: readonly TrendInput[]; label: string }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const layout = trendLayout(points, width);
  const id = useId();
  return (
    <div ref={ref} className="coverage-chart">
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} className="trend-chart">
        <title id={`${id}-title`}>{label}</title>
        <desc id={`${id}-desc`}>{trendSummary(points)}</desc>
        {layout.yTicks.map((t) => (
          <g key={t.label} className="tick">
            <line x1={layout.plot.left} x2={layout.plot.right} y1={t.y} y2={t.y} />
            <text x={layout.plot.left - 6} y={t.y + 4} textAnchor="end">{t.label}</text>
          </g>
        ))}
        {layout.xTicks.map((t) => (
          <text key={t.label} className="tick" x={t.x} y={layout.plot.bottom + 18} textAnchor={t.anchor}>{t.label}</text>
        ))}
        {layout.path && <path className="trend-line" d={layout.path} />}
        {layout.points.map((p) => (
          <circle key={p.key} className="trend-dot" cx={p.x} cy={p.y} r={4}>
            <title>{p.label}</title>
          </circle>
        ))}
      </svg>
      <details>
        <summary>Trend as a table</summary>
        <div className="table-wrap">
          <table>
            <caption>{label}</caption>
            <thead>
              <tr><th scope="col">Snapshot</th><th scope="col">MFA enabled</th></tr>
            </thead>
            <tbody>
              {[...points].reverse().map((p) => (
                <tr key={p.key}><td>{formatDateTime(p.takenAt)}</td><td>{formatPercent(p.percent)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
