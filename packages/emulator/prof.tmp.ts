import { createEmulator } from './src/index.js';
import { DuoAdminClient } from '@duohub/sdk';
const emu = createEmulator({ seed: { fleet: { accounts: 1, usersPerAccount: 100000 } } });
const creds = emu.credentials();
const parent = creds.accounts.find((a) => a.parent_id === null)!;
const child = creds.accounts.find((a) => a.parent_id !== null)!;
const acc = parent.integrations.find((i) => i.type === 'accounts')!;
const { DuoAccountsClient } = await import('@duohub/sdk');
const accounts = new DuoAccountsClient({ host: acc.api_hostname, ikey: acc.integration_key, skey: acc.secret_key, fetch: (r) => emu.fetch(r), pacing: false });
const admin = accounts.child(child.account_id);
for (const off of [0, 50000, 99000]) {
  const t = performance.now();
  await admin.request('GET', '/admin/v1/users', { limit: 300, offset: off });
  console.log('offset', off, (performance.now() - t).toFixed(1), 'ms');
}
