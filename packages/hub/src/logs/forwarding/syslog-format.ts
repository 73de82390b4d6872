/** Severity codes of RFC 5424 (section 6.2.1). */
export const SYSLOG_SEVERITY = { emergency: 0, alert: 1, critical: 2, error: 3, warning: 4, notice: 5, info: 6, debug: 7 } as const;

/**
 * The SD-ID of the hub's structured data. RFC 5424 wants `name@<private enterprise number>`; the hub
 * has no number of its own, so it uses 32473, the number IANA reserves for documentation (RFC 5612).
 */
export const SYSLOG_SD_ID = 'duohub@32473';

/** One RFC 5424 message. */
export interface SyslogMessage {
  /** 0-23. */
  facility: number;
  /** 0-7. */
  severity: number;
  /** Epoch ms. */
  timestamp: number;
  hostname: string;
  appName: string;
  msgId: string;
  /** Parameters of the `duohub@32473` element, in order; null and undefined values are left out. */
  params: Array<[string, string | number | null | undefined]>;
  /** The free-form part (UTF-8, sent after a BOM as RFC 5424 asks). */
  message: string;
}

const BOM = '\uFEFF';

/**
 * Formats one message (pure): `<PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID [SD] BOM MSG`. Header
 * fields are cut to their RFC lengths and reduced to printable US-ASCII (NILVALUE when empty);
 * parameter values escape `"`, `\` and `]` (section 6.3.3).
 */
export function formatSyslogMessage(m: SyslogMessage): string {
  const pri = Math.max(0, Math.min(23, Math.trunc(m.facility))) * 8 + Math.max(0, Math.min(7, Math.trunc(m.severity)));
  const ts = new Date(m.timestamp).toISOString();
  const params = m.params
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${sdName(k)}="${escapeParam(String(v))}"`)
    .join(' ');
  const sd = `[${SYSLOG_SD_ID}${params ? ` ${params}` : ''}]`;
  return `<${pri}>1 ${ts} ${headerField(m.hostname, 255)} ${headerField(m.appName, 48)} - ${headerField(m.msgId, 32)} ${sd} ${BOM}${m.message}`;
}

/** RFC 6587 octet counting: the message's length in bytes, a space, then the message. */
export function frameOctetCounted(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}

function headerField(value: string, max: number): string {
  const clean = value.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return clean === '' ? '-' : clean;
}

function sdName(name: string): string {
  return name.replace(/[^\x21-\x7e]|[= \]"]/g, '').slice(0, 32) || 'x';
}

function escapeParam(value: string): string {
  return value.replace(/[\\"\]]/g, (c) => `\\${c}`);
}
