import { IDENTITY_VERIFICATION_STATUSES } from '@duohub/sdk';
import { z } from 'zod';

/** An identity verification inquiry as Duo answers it. */
export const identityVerificationOutput = z.looseObject({
  inquiry_id: z.string(),
  user_id: z.string().optional(),
  status: z.enum(IDENTITY_VERIFICATION_STATUSES),
  created: z.number().int().optional(),
});
