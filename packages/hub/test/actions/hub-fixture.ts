import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { cliActor } from '../../src/access/actor.js';
import { createApp } from '../../src/api/create-app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { openHub } from '../../src/server/open-hub.js';
import { startServer } from '../../src/server/start-server.js';
import type { HubContext } from '../../src/hub-context.js';
import { startContractFixture, type ContractFixture } from './contract-fixture.js';

/** The emulator, a hub on a fresh SQLite store serving over a port, an integration and a child org. */
export interface HubFixture {
  fx: ContractFixture;
  hub: HubContext;
  url: string;
  env: { DUOHUB_DATA_DIR: string; DUOHUB_MASTER_KEY: string; DUOHUB_LOG_LEVEL: string; DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS: string };
  integrationId: string;
  childOrgId: string;
  otherOrgId: string;
  /** Tokens: operate (unlimited), read only, operate limited to the child organization. */
  tokens: { operate: string; read: string; limited: string };
  /** Calls the hub over HTTP with a token. */
  api(method: string, p: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Starts everything; the integration is created through the API, so its checks run against the emulator. */
export async function startHubFixture(): Promise<HubFixture> {
  const fx = await startContractFixture();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'duohub-actions-'));
  const env = { DUOHUB_DATA_DIR: dataDir, DUOHUB_MASTER_KEY: randomBytes(32).toString('base64'), DUOHUB_LOG_LEVEL: 'warn', DUOHUB_ALLOW_CUSTOM_DUO_ORIGINS: 'true' };
  const opened = await openHub({ config: loadConfig(env), logger: pino({ level: 'silent' }) });
  const hub = opened.hub;
  const local = createApp({ hub, webDist: null });
  const asCli = async (method: string, p: string, body?: unknown) => {
    const res = await local.fetch(
      new Request(`http://duohub.local${p}`, { method, ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) }),
      { duohubActor: cliActor },
    );
    const json = (await res.json()) as any;
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const creds = fx.emu.credentials().accounts.find((a) => a.parent_id === null)!;
  const set = (type: string) => {
    const i = creds.integrations.find((x) => x.type === type)!;
    return { api_host: i.api_hostname, integration_key: i.integration_key, secret_key: i.secret_key };
  };
  const integration = await asCli('POST', '/api/integrations', { name: 'Emulator', base_url: fx.url, admin: set('admin'), accounts: set('accounts'), auth: set('auth') });
  const directoryKey = Object.keys(fx.child.directories)[0]!;
  const childOrg = await asCli('POST', '/api/organizations', {
    name: fx.child.name,
    integration_id: integration.id,
    duo_account_id: fx.child.account_id,
    duo_admin_api_directory_key: directoryKey,
  });
  const otherOrg = await asCli('POST', '/api/organizations', { name: 'Other Org', integration_id: integration.id, duo_account_id: 'parent' });
  const token = async (scopes: string[], organization_ids?: string[]) =>
    (await asCli('POST', '/api/tokens', { name: `t-${scopes.join('-')}`, scopes, ...(organization_ids ? { organization_ids } : {}) })).token as string;
  const tokens = { operate: await token(['operate']), read: await token(['read']), limited: await token(['operate'], [childOrg.id]) };
  const server = await startServer({ hub, port: 0, webDist: null });
  return {
    fx,
    hub,
    url: server.url,
    env,
    integrationId: integration.id,
    childOrgId: childOrg.id,
    otherOrgId: otherOrg.id,
    tokens,
    async api(method, p, body, t = tokens.operate) {
      const res = await fetch(server.url + p, {
        method,
        headers: { authorization: `Bearer ${t}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await server.close(100);
      await opened.close();
      await fx.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
