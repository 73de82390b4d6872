import { z } from 'zod';

/** A Duo key of an authenticator record (`webauthnkey`, `dakey`, `shared_device_key`, `desktoptoken_id`). */
export const authenticatorKey = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, `must be a Duo ${what} key (letters, digits, - and _)`)
    .describe(`Duo ${what} key`);

const owner = z.looseObject({ user_id: z.string().optional(), username: z.string().optional() }).nullish();

/** Duo's WebAuthn credential object; unknown fields pass through untouched. */
export const duoWebAuthnCredential = z.looseObject({
  webauthnkey: z.string(),
  credential_name: z.string().nullish(),
  label: z.string().nullish(),
  date_added: z.number().nullish(),
  user: owner,
});

/** Duo's desktop authenticator object; unknown fields pass through untouched. */
export const duoDesktopAuthenticator = z.looseObject({
  dakey: z.string(),
  dacuid: z.string().nullish(),
  name: z.string().nullish(),
  os_family: z.string().nullish(),
  date_added: z.number().nullish(),
  user: owner,
});

/** Duo's shared device authentication configuration; unknown fields pass through untouched. */
export const duoSharedDeviceAuth = z.looseObject({
  shared_device_key: z.string(),
  name: z.string().nullish(),
  active: z.boolean().nullish(),
  group_id_list: z.array(z.string()).nullish(),
  trusted_endpoint_integration_id_list: z.array(z.string()).nullish(),
});

/** Duo's (deprecated) desktop token object; unknown fields pass through untouched. */
export const duoDesktopToken = z.looseObject({
  desktoptoken_id: z.string(),
  name: z.string().nullish(),
  platform: z.string().nullish(),
  type: z.string().nullish(),
  users: z.array(owner).nullish(),
});
