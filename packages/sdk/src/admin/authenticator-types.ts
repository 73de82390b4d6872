import type {
  desktopAuthenticatorShape,
  desktopTokenActivationShape,
  desktopTokenShape,
  sharedDeviceAuthShape,
  webauthnCredentialShape,
} from '../endpoints/authenticator-objects.js';
import type { ValueOf } from '../endpoints/shape.js';

/** A WebAuthn credential as Duo lists it, with its owner. */
export type DuoWebAuthnCredentialRecord = ValueOf<typeof webauthnCredentialShape>;

/** A Duo Desktop authenticator as Duo lists it, with its owner. */
export type DuoDesktopAuthenticator = ValueOf<typeof desktopAuthenticatorShape>;

/** A shared device authentication configuration. */
export type DuoSharedDeviceAuth = ValueOf<typeof sharedDeviceAuthShape>;

/** A legacy desktop token (deprecated by Duo). */
export type DuoDesktopToken = ValueOf<typeof desktopTokenShape>;

/** What activating a desktop token answers. */
export type DuoDesktopTokenActivation = ValueOf<typeof desktopTokenActivationShape>;

/** Fields a shared device authentication configuration is created with. */
export interface DuoSharedDeviceAuthCreateParams {
  group_id_list: string[];
  trusted_endpoint_integration_id_list: string[];
  name?: string;
  active?: boolean;
}

/** Fields a shared device authentication configuration is modified with; lists replace. */
export type DuoSharedDeviceAuthUpdateParams = Partial<DuoSharedDeviceAuthCreateParams>;
