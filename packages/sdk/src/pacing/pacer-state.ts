import { ENDPOINT_CLASSES, type EndpointClass } from './endpoint-class.js';

/** What a Pacer learned about one (host, account, class) bucket. */
export interface LearnedBucket {
  host: string;
  accountId?: string;
  endpointClass: EndpointClass;
  /** The learned pacing rate, requests per minute. */
  ratePerMinute: number;
  /** The learned burst. */
  burst: number;
  /** Whether a 429 bounded the burst (false: only a lower bound, probing may continue). */
  burstKnown: boolean;
  /**
   * Present while the bucket was still exploring above the rate it began at (no 429 had bounded
   * it): that rate. The next run climbs on from `ratePerMinute`, and a 429 takes it back here.
   */
  exploredFrom?: number;
  /** Epoch ms of the last change. */
  learnedAt: number;
}

/** A JSON-serializable snapshot of everything a Pacer learned (`exportState`), to seed a later one. */
export interface PacerState {
  version: 1;
  /** Epoch ms of the export. */
  savedAt: number;
  buckets: LearnedBucket[];
}

/**
 * The entries of `value` that are well-formed and learned at or after `notBefore`, or an empty
 * list: state comes from storage, so anything unexpected is dropped rather than trusted.
 */
export function readPacerState(value: unknown, notBefore: number): LearnedBucket[] {
  if (typeof value !== 'object' || value === null) return [];
  const state = value as Partial<PacerState>;
  if (state.version !== 1 || !Array.isArray(state.buckets)) return [];
  return state.buckets.filter((b): b is LearnedBucket => isLearnedBucket(b) && b.learnedAt >= notBefore);
}

function isLearnedBucket(b: unknown): boolean {
  if (typeof b !== 'object' || b === null) return false;
  const e = b as Record<string, unknown>;
  return (
    typeof e['host'] === 'string' &&
    (e['accountId'] === undefined || typeof e['accountId'] === 'string') &&
    ENDPOINT_CLASSES.includes(e['endpointClass'] as EndpointClass) &&
    positive(e['ratePerMinute']) &&
    positive(e['burst']) &&
    typeof e['burstKnown'] === 'boolean' &&
    (e['exploredFrom'] === undefined || positive(e['exploredFrom'])) &&
    typeof e['learnedAt'] === 'number' &&
    Number.isFinite(e['learnedAt'])
  );
}

function positive(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
