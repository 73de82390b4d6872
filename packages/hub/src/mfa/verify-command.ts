import { readFileSync } from 'node:fs';
import { defineCommand } from '../cli/define-command.js';
import { connectionOptions, withCliClient } from '../cli/open-cli-client.js';
import { printResult } from '../cli/print-result.js';
import { resolveRef } from '../cli/resolve-ref.js';
import type { VerificationView } from './verify-schemas.js';

/** Exit code of a verification that finished without proof (denied, timed out, fraud, bypass, enroll...). */
export const NOT_VERIFIED_EXIT = 2;

/**
 * `duohub verify`: verifies a user with Duo through `POST /api/verify` and prints the outcome with
 * its progress events. Exit 0 only when the user proved it is them (approved push or call, valid
 * passcode); 2 for any other outcome; 1 for errors (rate limit, cooldown, bad input...).
 */
export const verifyCommand = defineCommand({
  name: 'verify',
  description: 'verify a user with a Duo push (with display info), passcode, phone call or SMS',
  options: [
    { flags: '--method <id>', description: 'Duo MFA method id (Vault-compatible API)' },
    { flags: '--org <org>', description: "instead of a method: use this organization's integration (name or id)" },
    { flags: '--username <name>', description: 'the Duo username, as is' },
    { flags: '--entity-name <name>', description: "a Vault entity name, rendered through the method's username template" },
    { flags: '--identity <json>', description: 'a Vault entity as JSON, or @file (identity/entity/id/... read)' },
    { flags: '--factor <factor>', description: 'push (default), passcode, phone, sms or auto' },
    { flags: '--device <id>', description: 'a device id from preauth (default auto)' },
    { flags: '--passcode-env <var>', description: 'read the passcode from this environment variable (never on the command line)' },
    { flags: '--push-info <pairs>', description: 'extra push lines, URL-encoded: ticket=INC-1234&reason=password%20reset' },
    { flags: '--type <word>', description: 'push title word, e.g. Verification' },
    { flags: '--timeout <seconds>', description: 'stop waiting after this long (default 60)' },
    ...connectionOptions,
  ],
  run: (ctx) =>
    withCliClient(ctx, async (client) => {
      const o = ctx.options;
      let identity: unknown;
      if (typeof o.identity === 'string') {
        const text = o.identity.startsWith('@') ? readFileSync(o.identity.slice(1), 'utf8') : o.identity;
        try {
          identity = JSON.parse(text);
        } catch {
          ctx.io.err('error: --identity is not valid JSON\n');
          return 1;
        }
      } else if (typeof o.entityName === 'string') {
        identity = { name: o.entityName };
      }
      const passcodeVar = o.passcodeEnv as string | undefined;
      const passcode = passcodeVar ? ctx.env[passcodeVar] : undefined;
      if (passcodeVar && !passcode) {
        ctx.io.err(`error: environment variable ${passcodeVar} is empty\n`);
        return 1;
      }
      const body = {
        ...(o.method ? { method_id: o.method } : {}),
        ...(typeof o.org === 'string' ? { organization_id: await resolveRef(client, 'organization', o.org) } : {}),
        ...(o.username ? { username: o.username } : {}),
        ...(identity !== undefined ? { identity } : {}),
        ...(o.factor ? { factor: o.factor } : {}),
        ...(o.device ? { device: o.device } : {}),
        ...(passcode ? { passcode } : {}),
        ...(o.pushInfo ? { push_info: o.pushInfo } : {}),
        ...(o.type ? { type: o.type } : {}),
        ...(o.timeout ? { timeout_seconds: Number(o.timeout) } : {}),
      };
      const res = await client.request('POST', '/api/verify', body);
      const code = printResult(ctx.io, res, Boolean(o.json), (v: VerificationView) => describe(v));
      if (code !== 0) return code;
      return (res.body as VerificationView).verified ? 0 : NOT_VERIFIED_EXIT;
    }),
});

function describe(v: VerificationView): string {
  const lines = v.events.map((e) => {
    const d = e.data as Record<string, unknown>;
    const note = e.type === 'preauth' ? String(d.result) : e.type === 'sent' ? `${d.factor}${d.device ? ` to ${d.device}` : ''}` : e.type === 'waiting' ? String(d.status ?? '') : String(d.outcome ?? '');
    return `  ${e.at}  ${e.type.padEnd(8)} ${note}\n`;
  });
  const head = `${v.outcome}${v.verified ? ' (verified)' : ' (not verified)'}: ${v.username}${v.reason ? ` — ${v.reason}` : ''}\n`;
  const enroll = v.enroll_portal_url ? `  enrollment: ${v.enroll_portal_url}\n` : '';
  return head + enroll + lines.join('');
}
