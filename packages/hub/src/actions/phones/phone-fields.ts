import { z } from 'zod';

/**
 * The hub's narrowing of the writable phone fields the SDK declares (request casing: Duo answers
 * with display casing). `platform` is Duo's documented list, kept here rather than in the
 * declaration because Duo says such lists may grow and the emulator checks declarations strictly;
 * the delays and lengths are the hub's bounds, Duo documents none.
 */
export const phoneFields = {
  number: z
    .string()
    .regex(/^\+?[0-9][0-9 ()-]{2,30}$/, 'must be a phone number, E.164 recommended (+15555550100)')
    .optional()
    .describe('Phone number; without + Duo assumes US +1'),
  name: z.string().max(256).optional(),
  extension: z.string().regex(/^[0-9]{0,10}$/, 'must be digits').optional(),
  type: z.enum(['unknown', 'mobile', 'landline']).optional(),
  platform: z
    .enum([
      'unknown',
      'google android',
      'apple ios',
      'windows phone',
      'windows phone 7',
      'rim blackberry',
      'java j2me',
      'palm webos',
      'symbian os',
      'windows mobile',
      'generic smartphone',
    ])
    .optional(),
  predelay: z.number().int().min(0).max(60).optional().describe('Seconds before DTMF on calls'),
  postdelay: z.number().int().min(0).max(60).optional().describe('Seconds after DTMF on calls'),
};
