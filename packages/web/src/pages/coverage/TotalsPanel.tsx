import type { CoverageCounts, CoveragePercentages } from './coverage-api.ts';
import { formatCount, formatPercent } from './format.ts';
import { totalsGroups } from './totals-rows.ts';

/** Headline figures as cards, then every figure by group in small tables. */
export function TotalsPanel({ counts, percentages, scope }: { counts: CoverageCounts; percentages: CoveragePercentages; scope: string }) {
  const groups = totalsGroups(counts, percentages);
  const headline = groups[0]?.rows ?? [];
  return (
    <div className="coverage-totals">
      <ul className="cards" aria-label={`${scope}: headline figures`}>
        {headline.map((r) => (
          <li key={r.id} className={`card card-${r.id}`} data-figure={r.id}>
            <span className="card-label">{r.label}</span>
            <span className="card-value">{r.percent === null ? formatCount(r.count) : formatPercent(r.percent)}</span>
            {r.percent !== null && <span className="card-sub">{formatCount(r.count)} of {formatCount(counts.users)} users</span>}
          </li>
        ))}
      </ul>
      <div className="totals-groups">
        {groups.slice(1).map((g) => (
          <table key={g.title} className="totals-table">
            <caption>{g.title}</caption>
            <thead>
              <tr><th scope="col">Figure</th><th scope="col">Users</th><th scope="col">Share</th></tr>
            </thead>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.id} data-figure={r.id}>
                  <th scope="row">{r.label}</th>
                  <td>{formatCount(r.count)}</td>
                  <td>{r.percent === null ? '' : formatPercent(r.percent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </div>
  );
}
