import type { ApiError } from '../api-client.ts';

/** Shows an API error's message and, when present, its field issues. */
export function ErrorView({ error }: { error: ApiError }) {
  const issues = Array.isArray(error.details) ? (error.details as Array<{ path?: string; message?: string }>) : [];
  return (
    <div role="alert" className="error">
      <p>{error.message} ({error.code})</p>
      {issues.length > 0 && <ul>{issues.map((i, n) => <li key={n}>{i.path ?? ''}: {i.message ?? ''}</li>)}</ul>}
    </div>
  );
}
