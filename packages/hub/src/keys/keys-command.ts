import { loadConfig, parseKeyVariable, HubConfigError } from '../config/load-config.js';
import { defineCommand } from '../cli/define-command.js';
import { toCliJson } from '../cli/snake-case-keys.js';
import type { RotateReport } from './rotate-master-key.js';
import { splitDatabaseConnections } from '../config/database-connections.js';

/** `duohub keys rotate`: re-seal every stored secret under a new master key while the hub keeps serving. */
export const keysCommand = defineCommand({
  name: 'keys',
  description: 'manage the master key that seals stored secrets',
  subcommands: [
    {
      name: 'rotate',
      description: 're-seal every stored secret under a new master key (the running hub keeps serving)',
      options: [
        { flags: '--new-key-env <var>', description: 'take the new key (base64 of 32 bytes) from this environment variable; required when DUOHUB_MASTER_KEY is set' },
        { flags: '--settle-ms <ms>', description: 'wait between the two re-seal passes so running hubs switch keys first', default: '3000' },
        { flags: '--json', description: 'print the report as JSON' },
      ],
      run: async (ctx) => {
        const config = loadConfig(ctx.env);
        const variable = ctx.options.newKeyEnv as string | undefined;
        const newKey = variable ? parseKeyVariable(variable, ctx.env[variable]?.trim() || undefined) : undefined;
        if (variable && !newKey) throw new HubConfigError(variable, 'is not set (put the new key, base64 of 32 bytes, in it)');
        const settleMs = Number(ctx.options.settleMs ?? 3000);
        if (!Number.isInteger(settleMs) || settleMs < 0) throw new Error('--settle-ms must be a non-negative integer');
        // The store loads when a rotation runs, not with every command (see open-cli-client.ts).
        const [{ openStore }, { configuredKeyLoader }, { rotateMasterKey }] = await Promise.all([
          import('../store/open-store.js'),
          import('./configured-key-loader.js'),
          import('./rotate-master-key.js'),
        ]);
        const keys = configuredKeyLoader(config);
        const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, poolSize: splitDatabaseConnections(config.databaseConnections).store, loadKeys: (empty) => keys.loadKeys(empty) });
        let report: RotateReport;
        try {
          report = await rotateMasterKey({
            db: store.db,
            box: store.secrets,
            source: keys.loaded!.source,
            dataDir: config.dataDir,
            ...(newKey ? { newKey } : {}),
            settleMs,
          });
        } finally {
          await store.close();
        }
        if (ctx.options.json) ctx.io.out(toCliJson(report));
        else ctx.io.out(describeRotation(report, variable));
        return report.remaining === 0 ? 0 : 1;
      },
    },
  ],
});

// The human report: what changed, where the keys are, and what the operator must do next.
function describeRotation(report: RotateReport, variable: string | undefined): string {
  const lines = [`Re-sealed ${report.resealed} value(s) under master key id ${report.toKeyId} (was ${report.fromKeyId}).`];
  if (report.keyFile) {
    lines.push(
      `New key written to ${report.keyFile}; back it up now.`,
      `The old key is kept in ${report.retiredKeyFile}: it opens only values sealed before this rotation.`,
      'A hub running on this data dir switched to the new key by itself. Once you have a backup of the new key, move the old file offline.',
    );
  } else {
    lines.push(
      `Now set DUOHUB_MASTER_KEY to the value of ${variable} wherever the hub runs (every replica) and restart it.`,
      'Until then a hub still holding the old key cannot open the re-sealed secrets. To rotate with no such gap instead, restart with',
      'DUOHUB_MASTER_KEY=<new key> and DUOHUB_MASTER_KEY_PREVIOUS=<old key>: the hub adopts the new key and re-seals at start.',
    );
  }
  if (report.remaining > 0) {
    lines.push(
      `${report.remaining} value(s) are not under the new key yet (${report.unreadable} no available key opens). ` +
        'Run `duohub keys rotate` again, or keep the retired key: the hub re-seals what it can open at its next start.',
    );
  }
  return lines.join('\n') + '\n';
}
