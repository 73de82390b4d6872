/** Forwarder options that make every delay short (tests only); loopback receivers allowed. */
export const FAST = {
  allowPrivate: true,
  pollMs: 40,
  leaseMs: 3000,
  sweepMs: 300,
  safetyWindowMs: 60_000,
  backoff: { initialMs: 40, maxMs: 300 },
  requestTimeoutMs: 2000,
  concurrency: 4,
  syslogSettleMs: 60,
};
