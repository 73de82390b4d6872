import type { ApiError } from '../api-client.ts';

/** One `validation_failed` issue as the hub sends it: where (`body`, `query`...), which field, what is wrong. */
interface Issue {
  in?: string;
  field?: string;
  /** Older shape some callers still pass. */
  path?: string;
  message?: string;
}

/** Shows an API error's message and code and, when present, each field issue by name. */
export function ErrorView({ error }: { error: ApiError }) {
  const issues = Array.isArray(error.details) ? (error.details as Issue[]).filter((i) => i && typeof i === 'object') : [];
  return (
    <div role="alert" className="error">
      <p>{error.message} ({error.code})</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((i, n) => {
            const name = i.field ?? i.path ?? '';
            return <li key={n}>{name ? <><code>{name}</code>{i.in && i.in !== 'body' ? ` (${i.in})` : ''}: </> : null}{i.message ?? 'invalid'}</li>;
          })}
        </ul>
      )}
    </div>
  );
}
