/** Factors `POST /api/verify` takes. */
export const FACTORS = ['push', 'phone', 'sms', 'passcode', 'auto'] as const;
/** One factor. */
export type Factor = (typeof FACTORS)[number];

/** The "verify a user" form as typed. */
export interface VerifyFormValues {
  /** `method:<id>` or `org:<id>`. */
  target: string;
  /** `username`: the Duo username as is; `identity`: a Vault entity name through the method's template. */
  subject: 'username' | 'identity';
  username: string;
  factor: Factor;
  device: string;
  passcode: string;
  push_info: string;
  timeout_seconds: string;
}

/** A blank form for push verification with the hub's 60 s wait. */
export function emptyVerifyForm(target = ''): VerifyFormValues {
  return { target, subject: 'username', username: '', factor: 'push', device: '', passcode: '', push_info: '', timeout_seconds: '60' };
}

/**
 * The body of `POST /api/verify`, started without waiting (`wait: false`) so the page follows the
 * event stream. Blank optional fields are left out; the passcode goes only with factor passcode.
 */
export function verifyRequestBody(v: VerifyFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = { wait: false, factor: v.factor };
  const [kind, ...rest] = v.target.split(':');
  const id = rest.join(':');
  if (kind === 'method' && id) body.method_id = id;
  else if (kind === 'org' && id) body.organization_id = id;
  const name = v.username.trim();
  // Only a method has a username template to render an identity through.
  if (v.subject === 'identity' && kind === 'method') body.identity = { name };
  else body.username = name;
  if (v.factor === 'passcode') body.passcode = v.passcode.trim();
  else if (v.device.trim()) body.device = v.device.trim();
  if (v.push_info.trim() && (v.factor === 'push' || v.factor === 'auto')) body.push_info = v.push_info.trim();
  const t = v.timeout_seconds.trim();
  if (t) body.timeout_seconds = /^\d+$/.test(t) ? Number(t) : t;
  return body;
}
