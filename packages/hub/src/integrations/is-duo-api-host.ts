/**
 * The domains under which Duo issues API hostnames. Duo's Admin, Accounts and Auth API docs
 * ("First Steps") give every API hostname as `api-XXXXXXXX.duosecurity.com`; Duo Federal
 * (FedRAMP) accounts get `api-XXXXXXXX.duofederal.com`, the form Duo-integrating products
 * validate against (e.g. Bitwarden's Duo host check and its CSP allow exactly `*.duosecurity.com`
 * and `*.duofederal.com`). No other API domain could be confirmed
 * (`duofederal.mil` was not), so none is accepted: an operator who needs one enables custom origins.
 */
export const DUO_API_DOMAINS = ['duosecurity.com', 'duofederal.com'] as const;

// One DNS label after `api-`: Duo's own are 8 hex digits, but we do not bet on that staying true;
// what matters for safety is that the name sits directly under a domain whose DNS Duo controls.
const API_LABEL = /^api-[a-z0-9](?:[a-z0-9-]{0,57}[a-z0-9])?$/;

/** Whether `host` is a Duo API hostname: `api-<label>.` directly under one of DUO_API_DOMAINS (case-insensitive, no port, no trailing dot). */
export function isDuoApiHost(host: string): boolean {
  const lower = host.toLowerCase();
  const dot = lower.indexOf('.');
  if (dot < 0) return false;
  const label = lower.slice(0, dot);
  const domain = lower.slice(dot + 1);
  return API_LABEL.test(label) && (DUO_API_DOMAINS as readonly string[]).includes(domain);
}
