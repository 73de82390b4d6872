import { HARDWARE_TOKEN_TYPES, type DuoAdminClient } from '@duohub/sdk';
import { z } from 'zod';
import { duoId } from '../schemas/common.js';

/** Input naming a hardware token (exactly one of token_id or serial; type narrows a serial). */
export const tokenRefInput = {
  token_id: duoId('hardware token').optional(),
  serial: z.string().min(1).max(128).optional().describe('The token by its serial number (instead of token_id)'),
  type: z.enum(HARDWARE_TOKEN_TYPES).optional().describe('With serial: the token type, needed when two types share the serial'),
};

/** A token reference as an action receives it. */
export interface TokenRef {
  token_id?: string | undefined;
  serial?: string | undefined;
  type?: (typeof HARDWARE_TOKEN_TYPES)[number] | undefined;
}

/** Rejects inputs naming no token, naming one both ways, or giving a type without a serial. */
export function oneTokenRef(v: TokenRef): boolean {
  return (v.token_id === undefined) !== (v.serial === undefined) && !(v.type !== undefined && v.serial === undefined);
}

/** Message and path for the `oneTokenRef` refinement. */
export const oneTokenRefIssue = { message: 'give exactly one of token_id or serial (type only with serial)', path: ['token_id'] };

/**
 * The token id a reference points at: an id as is (Duo's 404 answers an unknown one), a serial
 * through the SDK's `tokens.resolve` (`not_found`, or `reference_ambiguous` listing each type).
 */
export async function resolveTokenRef(client: DuoAdminClient, ref: TokenRef): Promise<string> {
  if (ref.token_id !== undefined) return ref.token_id;
  return (await client.tokens.resolve({ serial: ref.serial ?? '', type: ref.type }, { field: 'serial' })).token_id;
}
