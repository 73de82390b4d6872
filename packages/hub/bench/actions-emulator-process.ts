/**
 * The actions benchmark's Duo: an emulator in its own process (its CPU is Duo's, not the hub's or the
 * SDK's), driven over IPC. Reports `ready` with its URL and the parent's Admin API keys, then answers
 * `latency` (every answer delayed by that many ms), `connections` (TCP connections accepted so far) and `close`.
 */
import { createEmulator } from '@duohub/emulator';

/** Messages the benchmark sends. */
export type ActionsEmulatorCommand = { type: 'latency'; ms: number } | { type: 'connections' } | { type: 'close' };

/** Messages this process sends back. */
export type ActionsEmulatorReply =
  | { type: 'ready'; url: string; admin: { api_host: string; integration_key: string; secret_key: string } }
  | { type: 'latency-set' }
  | { type: 'connections'; accepted: number; open: number };

const send = (reply: ActionsEmulatorReply) => process.send?.(reply);

// Rate limits off: the benchmark measures overhead, not Duo's budgets.
const emu = createEmulator({ seed: 'empty', rateLimits: false });
const server = await emu.listen({ port: 0, host: '127.0.0.1' });
const parent = emu.credentials().accounts.find((a) => a.parent_id === null);
const admin = parent?.integrations.find((i) => i.type === 'admin');
if (!admin) throw new Error('seed without an Admin API integration');
send({ type: 'ready', url: server.url, admin: { api_host: admin.api_hostname, integration_key: admin.integration_key, secret_key: admin.secret_key } });

process.on('message', async (command: ActionsEmulatorCommand) => {
  if (command.type === 'latency') {
    emu.configure({ faults: command.ms > 0 ? [{ latencyMs: command.ms }] : [] });
    send({ type: 'latency-set' });
  } else if (command.type === 'connections') {
    send({ type: 'connections', ...server.connections() });
  } else if (command.type === 'close') {
    await server.close();
    await emu.close();
    process.disconnect?.();
  }
});
