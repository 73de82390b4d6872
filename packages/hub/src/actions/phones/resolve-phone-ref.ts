import type { DuoAdminClient } from '@duohub/sdk';
import { z } from 'zod';
import { duoId } from '../schemas/common.js';

/** Input naming a phone (exactly one): its id, or its number as Duo holds it (`+15555550100`). */
export const phoneRefInput = {
  phone_id: duoId('phone').optional(),
  number: z
    .string()
    .regex(/^\+?[0-9][0-9 ().-]{2,30}$/, 'must be a phone number, e.g. +15555550100')
    .optional()
    .describe('The phone by its number (instead of phone_id), e.g. +15555550100'),
};

/** A phone reference as an action receives it. */
export interface PhoneRef {
  phone_id?: string | undefined;
  number?: string | undefined;
}

/** Rejects inputs naming no phone or naming one both ways. */
export function onePhoneRef(v: PhoneRef): boolean {
  return (v.phone_id === undefined) !== (v.number === undefined);
}

/** Message and path for the `onePhoneRef` refinement. */
export const onePhoneRefIssue = { message: 'give exactly one of phone_id or number', path: ['phone_id'] };

/**
 * The phone id a reference points at: an id as is (Duo's 404 answers an unknown one), a number
 * through the SDK's `phones.resolve` (`not_found` / `reference_ambiguous` naming `number`).
 */
export async function resolvePhoneRef(client: DuoAdminClient, ref: PhoneRef): Promise<string> {
  if (ref.phone_id !== undefined) return ref.phone_id;
  return (await client.phones.resolve({ number: ref.number ?? '' }, { field: 'number' })).phone_id;
}
