import { describe, expect, it } from 'vitest';
import { trendLayout, trendSummary } from '../src/pages/coverage/trend-layout.js';

const p = (key: string, takenAt: string, percent: number) => ({ key, takenAt, percent });

describe('trendLayout', () => {
  it('places points by time (uneven gaps stay uneven) and by percent on a fixed 0–100 axis', () => {
    const l = trendLayout([p('c', '2026-01-11T00:00:00Z', 100), p('a', '2026-01-01T00:00:00Z', 0), p('b', '2026-01-03T12:00:00Z', 50)], 644, 220);
    expect(l.points.map((x) => x.key)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = l.points as [any, any, any];
    expect(a.x).toBe(l.plot.left);
    expect(c.x).toBe(l.plot.right);
    // 2.5 of 10 days in.
    expect(b.x).toBeCloseTo(l.plot.left + 0.25 * (l.plot.right - l.plot.left), 0);
    expect(a.y).toBe(l.plot.bottom);
    expect(c.y).toBe(l.plot.top);
    expect(b.y).toBeCloseTo((l.plot.top + l.plot.bottom) / 2, 0);
    expect(l.path).toBe(`M${a.x} ${a.y} L${b.x} ${b.y} L${c.x} ${c.y}`);
    expect(l.yTicks.map((t) => t.label)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(l.xTicks.map((t) => [t.label, t.anchor])).toEqual([
      ['2026-01-01', 'start'],
      ['2026-01-06', 'middle'],
      ['2026-01-11', 'end'],
    ]);
    expect(b.label).toBe('2026-01-03 12:00 UTC: 50%');
  });

  it('one point sits in the middle with no line; bad dates are skipped', () => {
    const l = trendLayout([p('a', '2026-01-01T00:00:00Z', 75), p('bad', 'not a date', 10)], 400, 200);
    expect(l.points).toHaveLength(1);
    expect(l.points[0]!.x).toBe((l.plot.left + l.plot.right) / 2);
    expect(l.path).toBe('');
    expect(l.xTicks).toEqual([{ x: l.points[0]!.x, label: '2026-01-01', anchor: 'middle' }]);
  });

  it('several snapshots of one day give one date label, and a narrow chart drops the middle one', () => {
    const sameDay = trendLayout([p('a', '2026-01-01T01:00:00Z', 10), p('b', '2026-01-01T20:00:00Z', 20)], 600);
    expect(sameDay.xTicks.map((t) => t.label)).toEqual(['2026-01-01']);
    const narrow = trendLayout([p('a', '2026-01-01T00:00:00Z', 10), p('b', '2026-02-01T00:00:00Z', 20)], 300);
    expect(narrow.xTicks.map((t) => t.label)).toEqual(['2026-01-01', '2026-02-01']);
  });

  it('clamps percentages and no points give an empty chart', () => {
    const l = trendLayout([p('a', '2026-01-01T00:00:00Z', 130), p('b', '2026-01-02T00:00:00Z', -3)], 500);
    expect(l.points[0]!.y).toBe(l.plot.top);
    expect(l.points[1]!.y).toBe(l.plot.bottom);
    const empty = trendLayout([], 500);
    expect([empty.points, empty.path, empty.xTicks]).toEqual([[], '', []]);
  });
});

describe('trendSummary', () => {
  const cases: Array<[string, Array<ReturnType<typeof p>>, string]> = [
    ['none', [], 'No snapshots yet.'],
    ['one', [p('a', '2026-01-01T10:00:00Z', 80)], 'One snapshot: 80% MFA-enabled on 2026-01-01 10:00 UTC.'],
    [
      'up',
      [p('b', '2026-01-02T10:00:00Z', 82.5), p('a', '2026-01-01T10:00:00Z', 80)],
      '2 snapshots from 2026-01-01 10:00 UTC (80%) to 2026-01-02 10:00 UTC (82.5%): up 2.5 points.',
    ],
    [
      'down',
      [p('a', '2026-01-01T10:00:00Z', 80), p('b', '2026-01-02T10:00:00Z', 70.25)],
      '2 snapshots from 2026-01-01 10:00 UTC (80%) to 2026-01-02 10:00 UTC (70.25%): down 9.75 points.',
    ],
    ['flat', [p('a', '2026-01-01T10:00:00Z', 80), p('b', '2026-01-02T10:00:00Z', 80)], '2 snapshots from 2026-01-01 10:00 UTC (80%) to 2026-01-02 10:00 UTC (80%): unchanged.'],
  ];
  for (const [name, input, text] of cases) it(name, () => expect(trendSummary(input)).toBe(text));
});
