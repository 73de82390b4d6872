import { createContext, useContext } from 'react';

/** Who is signed in, from `GET /api/tokens/current`. */
export interface Session {
  token_id: string | null;
  scopes: Array<'read' | 'operate' | 'admin' | 'approve'>;
  organization_ids: string[] | null;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; pages render only inside the signed-in shell, so it is always there. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in shell');
  return s;
}

/** Whether the session may do what needs `scope` (scopes arrive expanded; `admin` includes `approve`, which stands beside the ranking). */
export const can = (s: Session, scope: 'read' | 'operate' | 'admin' | 'approve'): boolean =>
  s.scopes.includes(scope) || (scope === 'approve' && s.scopes.includes('admin'));
