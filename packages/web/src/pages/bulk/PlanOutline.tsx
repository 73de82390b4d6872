import type { BulkRunView } from './bulk-types.ts';
import { BulkStatusBadge } from './BulkStatusBadge.tsx';

/** The plan by organization (calls each, and how they ended once running) and by action. */
export function PlanOutline({ run }: { run: BulkRunView }) {
  const started = run.status !== 'planned' && run.status !== 'draft';
  return (
    <div className="bulk-outline">
      <div className="table-wrap">
        <table className="bulk-by-org">
          <caption>By organization ({run.plan.by_organization.length})</caption>
          <thead>
            <tr>
              <th scope="col">Organization</th>
              <th scope="col">Calls</th>
              {started && (
                <>
                  <th scope="col">Done</th>
                  <th scope="col">Skipped</th>
                  <th scope="col">Failed</th>
                  <th scope="col">Needs review</th>
                  <th scope="col">Cancelled</th>
                  <th scope="col">Status</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {run.plan.by_organization.map((o) => (
              <tr key={o.organization_id} data-org={o.organization_id}>
                <th scope="row">{o.name}</th>
                <td>{o.items}</td>
                {started && (
                  <>
                    <td>{o.done}</td>
                    <td>{o.skipped}</td>
                    <td>{o.failed}</td>
                    <td>{o.review}</td>
                    <td>{o.cancelled}</td>
                    <td><BulkStatusBadge of="item" status={o.status} /></td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="bulk-by-action">
          <caption>By action</caption>
          <thead>
            <tr><th scope="col">Action</th><th scope="col">Calls</th></tr>
          </thead>
          <tbody>
            {run.plan.by_action.map((a) => (
              <tr key={a.action_id} data-action={a.action_id}><th scope="row"><code>{a.action_id}</code></th><td>{a.items}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
