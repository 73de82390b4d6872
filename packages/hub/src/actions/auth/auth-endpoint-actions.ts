import { authEnroll, authEnrollStatus, authLogo, authPreauth, callDeclared } from '@duohub/sdk';
import { z } from 'zod';
import { endpointAction } from '../from-endpoint/endpoint-action.js';

/** Which factors a user may use (or whether Duo would allow, deny or ask to enroll), without sending one. */
export const authPreauthAction = endpointAction(authPreauth, {
  resource: 'auth',
  title: 'Pre-authenticate',
  description: 'Asks Duo what it would do for a user (allow, deny, enroll, or auth with the listed devices and factors) without sending anything to the user.',
});

/** Creates a Duo user with an activation code (Auth API enrollment). */
export const authEnrollAction = endpointAction(authEnroll, {
  resource: 'auth',
  title: 'Enroll a user (Auth API)',
  description: 'Creates a user with an activation barcode and code for Duo Mobile, as an application enrolls its own users. Never retried.',
});

/** Whether an Auth API enrollment has been activated on a phone. */
export const authEnrollStatusAction = endpointAction(authEnrollStatus, {
  resource: 'auth',
  title: 'Enrollment status',
  description: 'Whether an enrollment made with auth.enroll was activated on a phone (success, waiting or invalid).',
});

/** The account's logo as the Auth API serves it to applications. */
export const authLogoAction = endpointAction(authLogo, {
  resource: 'auth',
  title: 'Get logo (Auth API)',
  description: 'The logo Duo shows users of this account, as a base64 PNG.',
  output: z.object({ content_type: z.string(), png_base64: z.string() }),
  run: async (ctx) => {
    const answer = await callDeclared(ctx.auth(), authLogo, {}, ctx.signal ? { signal: ctx.signal } : {});
    const data = Buffer.isBuffer(answer.response) ? answer.response : Buffer.alloc(0);
    return { content_type: answer.contentType ?? 'image/png', png_base64: data.toString('base64') };
  },
});
