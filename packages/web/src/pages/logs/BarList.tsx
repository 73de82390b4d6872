import type { ReactNode } from 'react';
import { barPercents } from './log-filters.ts';

/** One bar: what it counts, the count, and an optional note or action beside it. */
export interface BarItem {
  key: string;
  label: ReactNode;
  value: number;
  extra?: ReactNode;
}

/**
 * Counts as a table with a bar per row, longest first as given. The bar is an SVG rect sized by its
 * width attribute (the hub's CSP allows no inline styles); the number beside it is what is read.
 */
export function BarList({ caption, items, unit, empty }: { caption: string; items: readonly BarItem[]; unit: string; empty: string }) {
  const percents = barPercents(items.map((i) => i.value));
  return (
    <div className="table-wrap">
      <table className="bar-list" aria-label={caption}>
        <caption>{caption}</caption>
        <thead>
          <tr><th scope="col">Name</th><th scope="col" className="bar-cell">Share</th><th scope="col">{unit}</th></tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr><td colSpan={3} className="hint">{empty}</td></tr>
          )}
          {items.map((item, i) => (
            <tr key={item.key} data-bar={item.key}>
              <th scope="row">{item.label}</th>
              <td className="bar-cell">
                <svg width="100%" height="12" aria-hidden="true" focusable="false">
                  <rect className="bar-track" x="0" y="0" width="100%" height="12" rx="2" />
                  <rect className="bar-fill" x="0" y="0" width={`${percents[i]}%`} height="12" rx="2" />
                </svg>
              </td>
              <td className="bar-value-cell">{item.value}{item.extra}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
