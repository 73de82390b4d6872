import type { HubConfig } from '../config/load-config.js';
import { describeKeySource, loadMasterKey, type LoadedMasterKey } from '../config/load-master-key.js';
import { KeyRing } from '../crypto/key-ring.js';
import type { LoadedKeys } from '../store/open-store.js';
import { keyFileResolver } from './key-files.js';

/** A `loadKeys` for `openStore` from the hub's config, remembering where the key came from. */
export interface ConfiguredKeyLoader {
  loadKeys(storeIsEmpty: boolean): Promise<LoadedKeys>;
  /** Set once `loadKeys` ran: source, file and warning, without the key. */
  loaded: Omit<LoadedMasterKey, 'key'> | undefined;
}

/**
 * The configured key (DUOHUB_MASTER_KEY, else master.key, generated only for an empty store), plus
 * DUOHUB_MASTER_KEY_PREVIOUS for opening, plus a resolver that finds keys written to the data dir
 * later (rotation's new master.key and its retired-key backups).
 */
export function configuredKeyLoader(config: Pick<HubConfig, 'dataDir' | 'masterKey' | 'masterKeyPrevious'>): ConfiguredKeyLoader {
  const loader: ConfiguredKeyLoader = {
    loaded: undefined,
    async loadKeys(storeIsEmpty) {
      const { key, ...info } = await loadMasterKey(config.dataDir, config.masterKey, { mayGenerate: storeIsEmpty });
      loader.loaded = info;
      const ring = new KeyRing(key, {
        others: config.masterKeyPrevious ? [config.masterKeyPrevious] : [],
        resolve: keyFileResolver(config.dataDir, { includeKeyFile: info.source !== 'env' }),
      });
      key.fill(0);
      return { ring, source: describeKeySource(info) };
    },
  };
  return loader;
}
