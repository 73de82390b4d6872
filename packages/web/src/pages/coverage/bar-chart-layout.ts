import { formatPercent } from './format.js';

/** One organization to draw: its MFA-enabled %, or null when there is none (no bar, a note instead). */
export interface BarInput {
  key: string;
  label: string;
  percent: number | null;
  /** Why there is no percentage (default `scan failed`), e.g. `no users`. */
  note?: string;
}

/** One drawn row, in SVG user units. */
export interface BarGeometry {
  key: string;
  /** The label as drawn (shortened to fit); `fullLabel` goes in the row's tooltip. */
  label: string;
  fullLabel: string;
  percent: number | null;
  labelX: number;
  labelY: number;
  labelAnchor: 'start' | 'end';
  barX: number;
  barY: number;
  barWidth: number;
  barHeight: number;
  valueText: string;
  valueX: number;
  valueY: number;
}

/** The whole chart: its size, rows, and the percent axis. */
export interface BarChartLayout {
  width: number;
  height: number;
  /** Labels beside the bars (wide) or above them (narrow). */
  mode: 'beside' | 'above';
  plotX: number;
  plotWidth: number;
  plotTop: number;
  plotBottom: number;
  bars: BarGeometry[];
  ticks: Array<{ x: number; label: string }>;
}

/** Below this width labels move above their bars, so names stay readable on a phone. */
export const NARROW_CHART_WIDTH = 520;
const CHAR_WIDTH = 7;
const VALUE_WIDTH = 64;
const AXIS_HEIGHT = 22;

/** Shortens `text` to at most `max` characters, ending in an ellipsis when cut. */
export function truncateLabel(text: string, max: number): string {
  if (max < 2) return text.slice(0, Math.max(0, max));
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Lowest coverage first (the organizations that need attention lead), then by name; failed scans
 * last, since they have no figure to rank by.
 */
export function sortBars(rows: readonly BarInput[]): BarInput[] {
  return [...rows].sort((a, b) => {
    if (a.percent === null || b.percent === null) {
      if (a.percent === b.percent) return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
      return a.percent === null ? 1 : -1;
    }
    return a.percent - b.percent || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  });
}

/** Lays out a horizontal bar chart of percentages (0–100, clamped) `width` units wide. */
export function barChartLayout(rows: readonly BarInput[], width: number): BarChartLayout {
  const w = Math.max(200, Math.floor(width));
  const mode: BarChartLayout['mode'] = w < NARROW_CHART_WIDTH ? 'above' : 'beside';
  const labelWidth = mode === 'beside' ? Math.min(240, Math.round(w * 0.32)) : 0;
  // Narrow: a small inset so the 0% tick label is not cut at the left edge.
  const plotX = mode === 'beside' ? labelWidth + 8 : 10;
  const plotWidth = Math.max(40, w - plotX - VALUE_WIDTH);
  const rowHeight = mode === 'beside' ? 30 : 46;
  const barHeight = 18;
  const plotTop = 4;
  const maxChars = Math.floor((mode === 'beside' ? labelWidth : w) / CHAR_WIDTH);
  const bars = sortBars(rows).map((row, i): BarGeometry => {
    const top = plotTop + i * rowHeight;
    const barY = mode === 'beside' ? top + (rowHeight - barHeight) / 2 : top + 22;
    const pct = row.percent === null ? 0 : Math.min(100, Math.max(0, row.percent));
    const barWidth = (pct / 100) * plotWidth;
    return {
      key: row.key,
      label: truncateLabel(row.label, maxChars),
      fullLabel: row.label,
      percent: row.percent,
      labelX: mode === 'beside' ? labelWidth : plotX,
      labelY: mode === 'beside' ? barY + barHeight / 2 + 4 : top + 15,
      labelAnchor: mode === 'beside' ? 'end' : 'start',
      barX: plotX,
      barY,
      barWidth,
      barHeight,
      valueText: row.percent === null ? (row.note ?? 'scan failed') : formatPercent(row.percent),
      valueX: plotX + barWidth + 6,
      valueY: barY + barHeight / 2 + 4,
    };
  });
  const plotBottom = plotTop + bars.length * rowHeight;
  const ticks = [0, 25, 50, 75, 100].map((t) => ({ x: plotX + (t / 100) * plotWidth, label: `${t}%` }));
  return { width: w, height: plotBottom + AXIS_HEIGHT, mode, plotX, plotWidth, plotTop, plotBottom, bars, ticks };
}
