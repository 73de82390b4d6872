import { HubConfigError } from './hub-config-error.js';

type Env = Record<string, string | undefined>;

/** An integer variable within [min, max]; undefined when unset or blank; HubConfigError naming it otherwise. */
export function envInteger(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new HubConfigError(name, `must be an integer between ${min} and ${max}`);
  return n;
}

/** DUOHUB_REPLICA_ID, shared by every job runner of a process; undefined when unset. */
export function envReplicaId(env: Env): string | undefined {
  const replica = env.DUOHUB_REPLICA_ID?.trim();
  if (!replica) return undefined;
  if (!/^[\w.:-]{1,100}$/.test(replica)) throw new HubConfigError('DUOHUB_REPLICA_ID', 'must be 1-100 letters, digits, or . : _ -');
  return replica;
}
