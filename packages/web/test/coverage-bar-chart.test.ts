import { describe, expect, it } from 'vitest';
import { barChartLayout, NARROW_CHART_WIDTH, sortBars, truncateLabel, type BarInput } from '../src/pages/coverage/bar-chart-layout.js';

const rows: BarInput[] = [
  { key: 'b', label: 'Globex', percent: 80 },
  { key: 'f', label: 'Failing Co', percent: null },
  { key: 'a', label: 'Acme', percent: 62.5 },
  { key: 'c', label: 'Initech', percent: 80 },
];

describe('sortBars', () => {
  it('puts the lowest coverage first, ties by name, failed scans last', () => {
    expect(sortBars(rows).map((r) => r.key)).toEqual(['a', 'b', 'c', 'f']);
  });
  it('orders several failed scans by name and leaves the input alone', () => {
    const input: BarInput[] = [
      { key: 'z', label: 'Zed', percent: null },
      { key: 'y', label: 'Why', percent: null },
      { key: 'x', label: 'Ex', percent: 0 },
    ];
    expect(sortBars(input).map((r) => r.key)).toEqual(['x', 'y', 'z']);
    expect(input.map((r) => r.key)).toEqual(['z', 'y', 'x']);
  });
});

describe('truncateLabel', () => {
  const cases: Array<[string, number, string]> = [
    ['Acme', 10, 'Acme'],
    ['Acme Corporation LLC', 10, 'Acme Corp…'],
    ['exactly10!', 10, 'exactly10!'],
    ['Acme Corporation', 6, 'Acme…'],
    ['abc', 1, 'a'],
    ['abc', 0, ''],
  ];
  for (const [text, max, out] of cases) it(`${text} / ${max} -> ${out}`, () => expect(truncateLabel(text, max)).toBe(out));
});

describe('barChartLayout', () => {
  it('wide: labels beside the bars, bar length proportional to the percentage', () => {
    const l = barChartLayout(rows, 800);
    expect(l.mode).toBe('beside');
    expect(l.width).toBe(800);
    expect(l.bars.map((b) => b.key)).toEqual(['a', 'b', 'c', 'f']);
    const [a, b, c, f] = l.bars as [any, any, any, any];
    expect(a.barWidth).toBeCloseTo(l.plotWidth * 0.625);
    expect(b.barWidth).toBeCloseTo(l.plotWidth * 0.8);
    expect(b.barWidth).toBe(c.barWidth);
    expect(f.barWidth).toBe(0);
    expect([a.valueText, b.valueText, f.valueText]).toEqual(['62.5%', '80%', 'scan failed']);
    // Labels end where the plot starts; values follow their bar.
    expect(a.labelAnchor).toBe('end');
    expect(a.labelX).toBeLessThan(l.plotX);
    expect(a.valueX).toBeCloseTo(l.plotX + a.barWidth + 6);
    // Rows do not overlap and the chart is tall enough for all of them plus the axis.
    for (let i = 1; i < l.bars.length; i++) expect(l.bars[i]!.barY).toBeGreaterThanOrEqual(l.bars[i - 1]!.barY + l.bars[i - 1]!.barHeight);
    expect(l.height).toBeGreaterThan(l.bars[3]!.barY + l.bars[3]!.barHeight);
    // The plot and the value text fit the width.
    expect(l.plotX + l.plotWidth).toBeLessThanOrEqual(l.width);
    expect(l.ticks.map((t) => t.label)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(l.ticks[0]!.x).toBe(l.plotX);
    expect(l.ticks[4]!.x).toBeCloseTo(l.plotX + l.plotWidth);
  });

  it('narrow: labels above the bars, which take the full width', () => {
    const l = barChartLayout(rows, NARROW_CHART_WIDTH - 1);
    expect(l.mode).toBe('above');
    // A small inset keeps the 0% tick label inside the chart.
    expect(l.plotX).toBe(10);
    for (const b of l.bars) {
      expect(b.labelAnchor).toBe('start');
      expect(b.labelX).toBe(l.plotX);
      expect(b.labelY).toBeLessThan(b.barY);
    }
  });

  it('clamps values outside 0–100 and never lays out narrower than 200 units', () => {
    const l = barChartLayout(
      [
        { key: 'hi', label: 'Hi', percent: 140 },
        { key: 'lo', label: 'Lo', percent: -5 },
      ],
      50,
    );
    expect(l.width).toBe(200);
    const byKey = Object.fromEntries(l.bars.map((b) => [b.key, b]));
    expect(byKey.hi!.barWidth).toBeCloseTo(l.plotWidth);
    expect(byKey.lo!.barWidth).toBe(0);
  });

  it('shortens long names to the label column and keeps the full name', () => {
    const long = 'The Very Long Name Of A Managed Client Organization Incorporated';
    const l = barChartLayout([{ key: 'x', label: long, percent: 50 }], 700);
    const bar = l.bars[0]!;
    expect(bar.fullLabel).toBe(long);
    expect(bar.label.endsWith('…')).toBe(true);
    expect(bar.label.length * 7).toBeLessThanOrEqual(l.plotX);
  });

  it('an empty chart has only its axis', () => {
    const l = barChartLayout([], 600);
    expect(l.bars).toEqual([]);
    expect(l.plotBottom).toBe(l.plotTop);
  });
});
