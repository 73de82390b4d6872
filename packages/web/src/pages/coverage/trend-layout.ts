import { formatDate, formatDateTime, formatPercent } from './format.js';

/** One snapshot on the trend line. */
export interface TrendInput {
  key: string;
  takenAt: string;
  percent: number;
}

/** The drawn line, its dots and its axes, in SVG user units. */
export interface TrendLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** SVG path data of the line; empty with fewer than two points. */
  path: string;
  points: Array<{ key: string; x: number; y: number; label: string }>;
  yTicks: Array<{ y: number; label: string }>;
  xTicks: Array<{ x: number; label: string; anchor: 'start' | 'middle' | 'end' }>;
}

const MARGIN = { left: 44, right: 18, top: 12, bottom: 30 };
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Lays out a line of MFA-enabled % over time: x is time (snapshots taken at uneven intervals stay
 * uneven), y is the full 0–100% range so a small change is not drawn as a cliff.
 * Points are drawn in time order whatever order they come in.
 */
export function trendLayout(input: readonly TrendInput[], width: number, height = 220): TrendLayout {
  const w = Math.max(200, Math.floor(width));
  const plot = { left: MARGIN.left, right: w - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom };
  const sorted = input
    .map((p) => ({ ...p, t: Date.parse(p.takenAt) }))
    .filter((p) => Number.isFinite(p.t))
    .sort((a, b) => a.t - b.t);
  const t0 = sorted[0]?.t ?? 0;
  const t1 = sorted[sorted.length - 1]?.t ?? 0;
  const xOf = (t: number) => (t1 === t0 ? (plot.left + plot.right) / 2 : plot.left + ((t - t0) / (t1 - t0)) * (plot.right - plot.left));
  const yOf = (pct: number) => plot.bottom - (Math.min(100, Math.max(0, pct)) / 100) * (plot.bottom - plot.top);
  const points = sorted.map((p) => ({
    key: p.key,
    x: round(xOf(p.t)),
    y: round(yOf(p.percent)),
    label: `${formatDateTime(p.takenAt)}: ${formatPercent(p.percent)}`,
  }));
  const path = points.length < 2 ? '' : points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  const yTicks = [0, 25, 50, 75, 100].map((v) => ({ y: round(yOf(v)), label: `${v}%` }));
  const xTicks: TrendLayout['xTicks'] = [];
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first && last) {
    if (first.t === last.t) xTicks.push({ x: round(xOf(first.t)), label: formatDate(first.takenAt), anchor: 'middle' });
    else {
      xTicks.push({ x: round(xOf(first.t)), label: formatDate(first.takenAt), anchor: 'start' });
      // A middle date only when there is room between the two ends for a third label.
      const mid = t0 + (t1 - t0) / 2;
      const midLabel = formatDate(new Date(mid).toISOString());
      if (w >= 420 && midLabel !== formatDate(first.takenAt) && midLabel !== formatDate(last.takenAt)) {
        xTicks.push({ x: round(xOf(mid)), label: midLabel, anchor: 'middle' });
      }
      if (formatDate(last.takenAt) !== formatDate(first.takenAt)) xTicks.push({ x: round(xOf(last.t)), label: formatDate(last.takenAt), anchor: 'end' });
    }
  }
  return { width: w, height, plot, path, points, yTicks, xTicks };
}

/** Words for the chart's description: the first and latest values and the change between them. */
export function trendSummary(input: readonly TrendInput[]): string {
  const sorted = [...input].filter((p) => Number.isFinite(Date.parse(p.takenAt))).sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return 'No snapshots yet.';
  if (sorted.length === 1) return `One snapshot: ${formatPercent(last.percent)} MFA-enabled on ${formatDateTime(last.takenAt)}.`;
  const delta = Math.round((last.percent - first.percent) * 100) / 100;
  const change = delta === 0 ? 'unchanged' : `${delta > 0 ? 'up' : 'down'} ${formatPercent(Math.abs(delta)).replace('%', ' points')}`;
  return `${sorted.length} snapshots from ${formatDateTime(first.takenAt)} (${formatPercent(first.percent)}) to ${formatDateTime(last.takenAt)} (${formatPercent(last.percent)}): ${change}.`;
}
