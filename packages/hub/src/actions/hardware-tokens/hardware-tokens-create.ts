import { tokensCreate } from '@duohub/sdk';
import { z } from 'zod';
import { defineAction } from '../define-action.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';
import { duoHardwareToken, withoutTokenSecrets } from './hardware-token-schema.js';

// What each type needs besides type and serial (Duo answers 40001 otherwise; checked here first).
const NEEDS: Record<string, readonly string[]> = { yk: ['private_id', 'aes_key'], h6: ['secret'], h8: ['secret'], t6: ['secret'], t8: ['secret'] };

/** Imports a hardware token; its secrets go to Duo only and are redacted from audit and logs. */
export const hardwareTokensCreate = defineAction({
  id: 'hardware_tokens.create',
  title: 'Create hardware token',
  description:
    'Imports an OTP hardware token: HOTP (h6, h8: secret, counter), TOTP (t6, t8: secret, totp_step) or YubiKey (yk: private_id, aes_key). Secrets are sent to Duo only, never stored, logged or returned.',
  api: 'admin',
  resource: 'hardware_tokens',
  endpoints: ['tokens.create'],
  idempotent: false,
  input: z.strictObject(zodFromEndpointParams(tokensCreate)).superRefine((v, issue) => {
    const fields = v as Record<string, unknown>;
    for (const field of NEEDS[String(fields['type'])] ?? []) {
      if (fields[field] === undefined) issue.addIssue({ code: 'custom', message: `required for type ${String(fields['type'])}`, path: [field] });
    }
  }),
  output: duoHardwareToken,
  run: async (ctx, input) => withoutTokenSecrets(await ctx.admin().tokens.create(input as never, { signal: ctx.signal })) as never,
});
