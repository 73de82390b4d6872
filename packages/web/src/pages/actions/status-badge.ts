/** How a badge reads: fine, needs a look, or wrong. */
export type BadgeTone = 'ok' | 'warn' | 'bad' | 'neutral';

/** A value shown as a badge: its words and its tone. */
export interface Badge {
  text: string;
  tone: BadgeTone;
}

const STATUS_TONES: Record<string, BadgeTone> = {
  active: 'ok',
  bypass: 'warn',
  disabled: 'bad',
  'locked out': 'bad',
  locked_out: 'bad',
  'pending deletion': 'bad',
  pending_deletion: 'bad',
  pending: 'warn',
};

/** Yes/no columns worth a badge, with the words for each answer and the tone of "no". */
const FLAG_COLUMNS: Record<string, { yes: string; no: string; noTone: BadgeTone }> = {
  is_enrolled: { yes: 'enrolled', no: 'no MFA', noTone: 'warn' },
  activated: { yes: 'activated', no: 'not activated', noTone: 'warn' },
  tampered: { yes: 'tampered', no: 'not tampered', noTone: 'ok' },
};

/**
 * The badge for a cell, or null when the column is not shown as one: `status` by Duo's words
 * (active, bypass, disabled, locked out, pending deletion), and yes/no flags such as `is_enrolled`.
 */
export function badgeFor(column: string, value: unknown): Badge | null {
  if (column === 'status' && typeof value === 'string' && value) {
    const text = value.replace(/_/g, ' ');
    return { text, tone: STATUS_TONES[value.toLowerCase()] ?? 'neutral' };
  }
  const flag = FLAG_COLUMNS[column];
  if (flag && typeof value === 'boolean') {
    if (column === 'tampered') return value ? { text: flag.yes, tone: 'bad' } : { text: flag.no, tone: 'ok' };
    return value ? { text: flag.yes, tone: 'ok' } : { text: flag.no, tone: flag.noTone };
  }
  return null;
}
