import type { DuoParams } from '@duohub/sdk';
import { ANSWER_NOT_DUOS } from '../../errors/classify-duo-failure.js';
import { HubError } from '../../errors/hub-error.js';
import type { DuoCaller } from '../duo-caller.js';
import { dryRun, type DryRunOutput } from '../schemas/common.js';

/** Input of a generic signed call. */
export interface RawCallInput {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  params: Record<string, string | number | boolean | Array<string | number | boolean>>;
}

/**
 * Sends one signed call and returns Duo's answer untouched. A dry run sends nothing, not even a
 * GET: a generic call's effect cannot be known in advance.
 */
export async function rawCall(
  client: () => DuoCaller,
  input: RawCallInput,
  isDryRun: boolean,
): Promise<{ status: number; response: unknown; metadata?: Record<string, unknown> } | DryRunOutput> {
  if (isDryRun) {
    const keys = Object.keys(input.params).sort();
    return dryRun(null, `would send ${input.method} ${input.path}${keys.length ? ` with ${keys.join(', ')}` : ''}`);
  }
  const answer = await client().request(input.method, input.path, input.params as DuoParams);
  // Duo answers JSON, or an image for its logo endpoints; other bytes come from something that is not Duo's API.
  const contentType = (answer as { contentType?: unknown }).contentType;
  if (typeof contentType === 'string' && !/^image\//i.test(contentType)) throw new HubError('duo_error', { message: ANSWER_NOT_DUOS });
  const out: { status: number; response: unknown; metadata?: Record<string, unknown> } = {
    status: answer.status,
    response: answer.response,
  };
  if (answer.metadata !== undefined) out.metadata = answer.metadata;
  return out;
}
