import { useLocation } from '../router.ts';
import { BulkRunDetail } from './bulk/BulkRunDetail.tsx';
import { BulkRunList } from './bulk/BulkRunList.tsx';
import { NewBulkRunForm } from './bulk/NewBulkRunForm.tsx';
import './bulk/bulk.css';

/** Bulk runs: the list at `/bulk`, the form at `/bulk/new`, one run's review, progress and results at `/bulk/<id>`. */
export function BulkPage() {
  const { path } = useLocation();
  const rest = path.replace(/^\/bulk\/?/, '').split('/')[0] ?? '';
  let id = rest;
  try {
    id = decodeURIComponent(rest);
  } catch {
    id = rest;
  }
  if (id === 'new') return <NewBulkRunForm />;
  if (id) return <BulkRunDetail key={id} runId={id} />;
  return <BulkRunList />;
}
