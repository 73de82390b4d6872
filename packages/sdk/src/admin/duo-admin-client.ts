import { DuoClient, type ChildClientInit } from '../client/duo-client.js';
import type { DuoClientOptions } from '../config/duo-client-options.js';
import { AdminsResource } from './admins.js';
import { BillingResource } from './billing.js';
import { DeviceEndpointsResource } from './device-endpoints.js';
import { RegisteredDevicesResource } from './registered-devices.js';
import { BrandingResource } from './branding.js';
import { DesktopAuthenticatorsResource } from './desktop-authenticators.js';
import { DesktopTokensResource } from './desktop-tokens.js';
import { SharedDeviceAuthResource } from './shared-device-auth.js';
import { WebAuthnCredentialsResource } from './webauthn-credentials.js';
import { BypassCodesResource } from './bypass-codes.js';
import { InfoResource } from './info.js';
import { LogsResource } from './logs.js';
import { GroupsResource } from './groups.js';
import { PhonesResource } from './phones.js';
import { SettingsResource } from './settings.js';
import { HardwareTokensResource } from './tokens.js';
import { U2fTokensResource } from './u2f-tokens.js';
import { UsersResource } from './users.js';
import { UsersBulkResource } from './users-bulk.js';
import { BulkResource } from './bulk-operations.js';
import { VerificationResource } from './verification.js';
import { AdministrativeUnitsResource } from './administrative-units.js';
import { PassportResource } from './passport.js';
import { LogoResource } from './logo.js';
import { PoliciesResource } from './policies.js';
import { IntegrationsResource } from './integrations.js';

/**
 * A client of Duo's Admin API (Admin API keys), or, from `accounts.child()`, of a child account
 * through the parent's Accounts API keys with `account_id` on every call.
 */
export class DuoAdminClient extends DuoClient {
  /** Users, including lookup, enroll and directory sync. */
  readonly users: UsersResource;
  /** Administrators, their activation links, directory sync, password management and allowed sign-in methods. */
  readonly admins: AdminsResource;
  /** Users in bulk: create up to 100, send to the Trash, restore. */
  readonly usersBulk: UsersBulkResource;
  /** Up to 50 Admin API operations in one request. */
  readonly bulk: BulkResource;
  /** Verification pushes and identity verification. */
  readonly verification: VerificationResource;
  /** Administrative units: which administrators manage which groups and applications. */
  readonly administrativeUnits: AdministrativeUnitsResource;
  /** Duo Passport configuration. */
  readonly passport: PassportResource;
  /** The account's logo. */
  readonly logo: LogoResource;
  /** Phones, activation, SMS sends and user associations. */
  readonly phones: PhonesResource;
  /** OTP hardware tokens, resync and user associations. */
  readonly tokens: HardwareTokensResource;
  /** U2F tokens (deprecated by Duo). */
  readonly u2fTokens: U2fTokensResource;
  /** Groups and a user's group memberships. */
  readonly groups: GroupsResource;
  /** Bypass codes. */
  readonly bypassCodes: BypassCodesResource;
  /** Account settings. */
  readonly settings: SettingsResource;
  /** Account information and authentication attempt counts. */
  readonly info: InfoResource;
  /** v2 logs. */
  readonly logs: LogsResource;
  /** Child-account billing (edition, telephony credits). */
  readonly billing: BillingResource;
  /** WebAuthn credentials (security keys, platform authenticators). */
  readonly webauthnCredentials: WebAuthnCredentialsResource;
  /** Duo Desktop authenticators. */
  readonly desktopAuthenticators: DesktopAuthenticatorsResource;
  /** Shared device authentication configurations (Duo Desktop on shared computers). */
  readonly sharedDeviceAuth: SharedDeviceAuthResource;
  /** Desktop tokens (deprecated by Duo). */
  readonly desktopTokens: DesktopTokensResource;
  /** Endpoints: devices Duo saw reach protected applications. */
  readonly endpoints: DeviceEndpointsResource;
  /** Duo Desktop registered devices and their blocks. */
  readonly registeredDevices: RegisteredDevicesResource;
  /** Custom branding (live and draft) and custom messaging. */
  readonly branding: BrandingResource;
  /** Policies (v2): sections, application and group assignments, calculation. */
  readonly policies: PoliciesResource;
  /** Integrations (applications): create with ready-to-use keys, modify, delete, secret keys and client secrets. */
  readonly integrations: IntegrationsResource;

  constructor(options: DuoClientOptions, child?: ChildClientInit) {
    super(options, child);
    this.users = new UsersResource(this);
    this.admins = new AdminsResource(this);
    this.usersBulk = new UsersBulkResource(this);
    this.bulk = new BulkResource(this);
    this.verification = new VerificationResource(this);
    this.administrativeUnits = new AdministrativeUnitsResource(this);
    this.passport = new PassportResource(this);
    this.logo = new LogoResource(this);
    this.phones = new PhonesResource(this);
    this.tokens = new HardwareTokensResource(this);
    this.u2fTokens = new U2fTokensResource(this);
    this.groups = new GroupsResource(this);
    this.bypassCodes = new BypassCodesResource(this);
    this.settings = new SettingsResource(this);
    this.info = new InfoResource(this);
    this.logs = new LogsResource(this, this.runtime.options.now ?? Date.now);
    this.billing = new BillingResource(this);
    this.webauthnCredentials = new WebAuthnCredentialsResource(this);
    this.desktopAuthenticators = new DesktopAuthenticatorsResource(this);
    this.sharedDeviceAuth = new SharedDeviceAuthResource(this);
    this.desktopTokens = new DesktopTokensResource(this);
    this.endpoints = new DeviceEndpointsResource(this);
    this.registeredDevices = new RegisteredDevicesResource(this);
    this.branding = new BrandingResource(this);
    this.policies = new PoliciesResource(this);
    this.integrations = new IntegrationsResource(this);
  }
}
