import { useLocation } from '../router.ts';
import { CoverageDashboard } from './coverage/CoverageDashboard.tsx';
import { OrgDrillDown } from './coverage/OrgDrillDown.tsx';
import './coverage/coverage.css';

/** The landing page: the fleet's MFA coverage at `/coverage`, one organization's users at `/coverage/<id>`. */
export function CoveragePage() {
  const { path } = useLocation();
  const rest = path.replace(/^\/coverage\/?/, '').split('/')[0] ?? '';
  let key = '';
  try {
    key = decodeURIComponent(rest);
  } catch {
    key = rest;
  }
  return key ? <OrgDrillDown key={key} orgKey={key} /> : <CoverageDashboard />;
}
