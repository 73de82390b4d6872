import type { Logger } from 'pino';
import { keyMatchesCheck } from '../crypto/key-id.js';
import type { Store } from '../store/open-store.js';
import { keysDb } from './master-keys-table.js';

/**
 * Keeps a running hub sealing under the store's current key: every `intervalMs` it reads the
 * recorded current key id and, when `duohub keys rotate` changed it, takes the new key from the key
 * file (through the ring's resolver) and seals with it from then on. Polling the store, not the
 * file, is what makes the switch safe: the hub only adopts a key the store has recorded.
 */
export function followCurrentKey(store: Store, logger: Logger, intervalMs = 1000): { stop(): void } {
  const warned = new Set<string>();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const current = await keysDb(store.db).selectFrom('master_keys').selectAll().where('is_current', '=', 1).executeTakeFirst();
      const ring = store.secrets.keys;
      if (!current || current.key_id === ring.currentId) return;
      const key = ring.find(current.key_id);
      if (key && keyMatchesCheck(key, current.check_value)) {
        ring.use(current.key_id);
        logger.info({ keyId: current.key_id }, 'master key rotated: sealing under the new key');
      } else if (!warned.has(current.key_id)) {
        warned.add(current.key_id);
        logger.warn(
          { keyId: current.key_id },
          'the store was re-sealed under a master key this hub does not hold; restart it with the new key (DUOHUB_MASTER_KEY or master.key)',
        );
      }
    } catch (error) {
      logger.warn({ err: error }, 'could not read the current master key id');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
