import { createParams } from '../../src/pipeline/create-params.js';
import type { HandlerContext, ResolvedEmulatorOptions } from '../../src/route.js';
import { createRandom } from '../../src/random.js';
import type { Account, EmulatorState, Integration } from '../../src/state/types.js';

/** What a direct handler test may set; the rest gets working defaults. */
export interface ContextInit {
  state: EmulatorState;
  account: Account;
  integration?: Integration;
  params?: Record<string, string | string[]>;
  /** JSON body values, for parameters that arrive as JSON (booleans, arrays). */
  json?: Record<string, unknown>;
  now?: () => number;
  options?: Partial<ResolvedEmulatorOptions> & Record<string, unknown>;
  signal?: AbortSignal;
}

/** A HandlerContext for calling a route's `handle` directly, without the pipeline. */
export function handlerContext(init: ContextInit): HandlerContext & { executions: string[] } {
  const pairs: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(init.params ?? {})) for (const item of Array.isArray(v) ? v : [v]) pairs.push([k, item]);
  const now = init.now ?? Date.now;
  const executions: string[] = [];
  const options = {
    clockSkewSec: 300,
    rejectSha1: false,
    overMaxLimit: 'clamp',
    defaultAccountId: undefined,
    rateLimits: false,
    faults: [],
    randomSeed: 1,
    otp: '123456',
    now,
    ...init.options,
  } as ResolvedEmulatorOptions;
  return {
    state: init.state,
    account: init.account,
    integration: init.integration,
    params: createParams(pairs, init.json),
    path: {},
    request: new Request(`https://${init.account.api_hostname}/`, init.signal ? { signal: init.signal } : {}),
    now,
    random: createRandom(99),
    options,
    recordExecution: (operation) => executions.push(operation),
    executions,
  };
}
