/** Where a method takes its Duo Auth API keys from. */
export type KeySource = 'organization' | 'keys';

/** The MFA method form as typed. */
export interface MethodFormValues {
  method_name: string;
  source: KeySource;
  organization_id: string;
  api_hostname: string;
  integration_key: string;
  secret_key: string;
  base_url: string;
  username_format: string;
  push_info: string;
  use_passcode: boolean;
  push_limit: string;
  push_window_seconds: string;
  cooldown_seconds: string;
}

/** A blank form: organization keys, template `{{identity.entity.name}}`, hub defaults for the limits. */
export function emptyMethodForm(): MethodFormValues {
  return {
    method_name: '',
    source: 'organization',
    organization_id: '',
    api_hostname: '',
    integration_key: '',
    secret_key: '',
    base_url: '',
    username_format: '{{identity.entity.name}}',
    push_info: '',
    use_passcode: false,
    push_limit: '',
    push_window_seconds: '',
    cooldown_seconds: '',
  };
}

/** A whole number as a number; anything else as typed, so the API's own message names the problem. */
function count(value: string): number | string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  return /^\d+$/.test(v) ? Number(v) : v;
}

/**
 * The body of `POST /v1/identity/mfa/method/duo`: only the chosen key source's fields, blank
 * optional fields left out (so the hub applies its defaults), text trimmed except the secret.
 */
export function methodWriteBody(v: MethodFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined && value !== '') body[key] = value;
  };
  put('method_name', v.method_name.trim());
  if (v.source === 'organization') {
    put('organization_id', v.organization_id);
  } else {
    put('api_hostname', v.api_hostname.trim());
    put('integration_key', v.integration_key.trim());
    put('secret_key', v.secret_key);
    put('base_url', v.base_url.trim());
  }
  put('username_format', v.username_format.trim());
  put('push_info', v.push_info.trim());
  body.use_passcode = v.use_passcode;
  put('push_limit', count(v.push_limit));
  put('push_window_seconds', count(v.push_window_seconds));
  put('cooldown_seconds', count(v.cooldown_seconds));
  return body;
}
