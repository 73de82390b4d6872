import type { AccountSeats } from './seats-api.ts';

/** Duo's edition codes with the names Duo sells them under. */
const EDITION_NAMES: Record<string, string> = { ENTERPRISE: 'Essentials', PLATFORM: 'Advantage', BEYOND: 'Premier' };

/** An edition as a person reads it: "Advantage (PLATFORM)"; a code Duo may add later as it came; none as "–". */
export function formatEdition(edition: string | null): string {
  if (edition === null || edition === '') return '–';
  const name = EDITION_NAMES[edition];
  return name ? `${name} (${edition})` : edition;
}

/** The report's path: every integration, or one; JSON or CSV. */
export function seatsPath(integrationId: string | null, format: 'json' | 'csv' = 'json'): string {
  const q = new URLSearchParams();
  if (integrationId) q.set('integration_id', integrationId);
  if (format === 'csv') q.set('format', 'csv');
  const s = q.toString();
  return `/api/reports/seats${s ? `?${s}` : ''}`;
}

/** The CSV's file name, dated by the day the report was read (UTC). */
export function seatsFileName(generatedAt: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(generatedAt)?.[0] ?? 'report';
  return `duohub-seats-${day}.csv`;
}

/** The account's label: its organization, else the Duo account's name marked unmapped. */
export function accountLabel(a: Pick<AccountSeats, 'organization_name' | 'duo_account_name'>): { organization: string; unmapped: boolean } {
  return a.organization_name ? { organization: a.organization_name, unmapped: false } : { organization: 'Not mapped', unmapped: true };
}
