import type { ComponentType } from 'react';
import type { Session } from './session.ts';
import { ActionsPage } from './pages/ActionsPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { CoveragePage } from './pages/CoveragePage.tsx';
import { IntegrationsPage } from './pages/IntegrationsPage.tsx';
import { MfaPage } from './pages/MfaPage.tsx';
import { OrganizationsPage } from './pages/OrganizationsPage.tsx';
import { TokensPage } from './pages/TokensPage.tsx';

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
  { path: '/integrations', label: 'Integrations', component: IntegrationsPage, visible: (s) => s.organization_ids === null },
  { path: '/organizations', label: 'Organizations', component: OrganizationsPage },
  { path: '/actions', label: 'Actions', component: ActionsPage },
  { path: '/mfa', label: 'MFA methods', component: MfaPage },
  { path: '/audit', label: 'Audit log', component: AuditPage },
  { path: '/tokens', label: 'Tokens', component: TokensPage, visible: (s) => s.scopes.includes('admin') },
];

/** The page a path routes to: the entry whose path is a prefix on a segment boundary, else null. */
export function pageFor(path: string, pages: readonly PageEntry[] = PAGES): PageEntry | null {
  return pages.find((p) => path === p.path || path.startsWith(p.path + '/')) ?? null;
}
