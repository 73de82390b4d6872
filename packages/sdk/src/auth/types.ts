/** `ping` and `check`: Duo's clock, Unix seconds. */
export interface DuoTime {
  time: number;
  [key: string]: unknown;
}

/** A logo as Duo sent it. */
export interface DuoLogo {
  contentType: string;
  data: Buffer;
}

/** Who an Auth API call is about: a user id or a username (one of them). */
export type DuoAuthUser = { user_id: string; username?: never } | { username: string; user_id?: never };

/** What `enroll` returns. */
export interface DuoEnrollment {
  activation_barcode: string;
  activation_code: string;
  activation_url?: string;
  expiration: number;
  user_id: string;
  username: string;
  bypass_codes?: string[];
  [key: string]: unknown;
}

/** A device in a preauth answer. */
export interface DuoAuthDevice {
  device: string;
  type: string;
  number?: string;
  name?: string;
  display_name?: string;
  capabilities?: string[];
  sms_nextcode?: string;
  [key: string]: unknown;
}

/** Context shared by preauth and auth. */
export interface DuoAuthContext {
  ipaddr?: string;
  hostname?: string;
}

/** `preauth` parameters. */
export type DuoPreauthParams = DuoAuthUser &
  DuoAuthContext & {
    trusted_device_token?: string;
    /** Ask for Verified Push support (Duo then returns a txid). */
    client_supports_verified_push?: boolean;
  };

/** `preauth` answer. */
export interface DuoPreauthResult {
  result: 'auth' | 'allow' | 'deny' | 'enroll' | (string & {});
  status_msg: string;
  devices?: DuoAuthDevice[];
  enroll_portal_url?: string;
  txid?: string;
  [key: string]: unknown;
}

/** `auth` parameters, by factor. */
export type DuoAuthParams = DuoAuthUser &
  DuoAuthContext & {
    /** Verified Push follow-up from preauth. */
    txid?: string;
  } & (
    | {
        factor: 'auto' | 'push';
        device?: string;
        /** Push only: text on the request screen, and the username to display. */
        type?: string;
        display_username?: string;
        /** Push only: key/value lines shown with the request (sent URL-encoded, as Duo wants). */
        pushinfo?: Record<string, string> | string;
      }
    | { factor: 'passcode'; passcode: string }
    | { factor: 'phone' | 'sms'; device?: string }
  );

/** The answer of a synchronous `auth`. */
export interface DuoAuthResult {
  result: 'allow' | 'deny' | (string & {});
  status: string;
  status_msg: string;
  trusted_device_token?: string;
  [key: string]: unknown;
}

/** The answer of `auth_status`. */
export interface DuoAuthStatus {
  result: 'waiting' | 'allow' | 'deny' | (string & {});
  status: string;
  status_msg: string;
  trusted_device_token?: string;
  /** Whether the attempt is delayed; not documented by Duo, whose examples show false while waiting. */
  auth_delayed?: boolean;
  [key: string]: unknown;
}
