import { lazy, type ComponentType } from 'react';
import type { Session } from './session.ts';

// Each page is its own chunk, loaded on first visit: the sign-in screen and the first page come up
// without the rest of the UI.
const ActionsPage = lazy(() => import('./pages/ActionsPage.tsx').then((m) => ({ default: m.ActionsPage })));
const AlertsPage = lazy(() => import('./pages/AlertsPage.tsx').then((m) => ({ default: m.AlertsPage })));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const BulkPage = lazy(() => import('./pages/BulkPage.tsx').then((m) => ({ default: m.BulkPage })));
const CoveragePage = lazy(() => import('./pages/CoveragePage.tsx').then((m) => ({ default: m.CoveragePage })));
const IntegrationsPage = lazy(() => import('./pages/IntegrationsPage.tsx').then((m) => ({ default: m.IntegrationsPage })));
const LogsPage = lazy(() => import('./pages/LogsPage.tsx').then((m) => ({ default: m.LogsPage })));
const MfaPage = lazy(() => import('./pages/MfaPage.tsx').then((m) => ({ default: m.MfaPage })));
const OrganizationsPage = lazy(() => import('./pages/OrganizationsPage.tsx').then((m) => ({ default: m.OrganizationsPage })));
const SeatsPage = lazy(() => import('./pages/seats/SeatsPage.tsx').then((m) => ({ default: m.SeatsPage })));
const TokensPage = lazy(() => import('./pages/TokensPage.tsx').then((m) => ({ default: m.TokensPage })));

/** One page of the UI: its path (the first segment routes to it), nav label and who may see it. */
export interface PageEntry {
  path: string;
  label: string;
  component: ComponentType;
  visible?(s: Session): boolean;
}

/** Every page, in nav order; the first is the landing page. */
export const PAGES: readonly PageEntry[] = [
  { path: '/coverage', label: 'Coverage', component: CoveragePage },
  { path: '/seats', label: 'Seats', component: SeatsPage },
  { path: '/integrations', label: 'Integrations', component: IntegrationsPage, visible: (s) => s.organization_ids === null },
  { path: '/organizations', label: 'Organizations', component: OrganizationsPage },
  { path: '/actions', label: 'Actions', component: ActionsPage },
  { path: '/bulk', label: 'Bulk runs', component: BulkPage },
  { path: '/mfa', label: 'MFA methods', component: MfaPage },
  { path: '/audit', label: 'Audit log', component: AuditPage },
  { path: '/logs', label: 'Logs', component: LogsPage },
  { path: '/alerts', label: 'Alerts', component: AlertsPage },
  { path: '/tokens', label: 'Tokens', component: TokensPage, visible: (s) => s.scopes.includes('admin') },
];

/** The page a path routes to: the entry whose path is a prefix on a segment boundary, else null. */
export function pageFor(path: string, pages: readonly PageEntry[] = PAGES): PageEntry | null {
  return pages.find((p) => path === p.path || path.startsWith(p.path + '/')) ?? null;
}
