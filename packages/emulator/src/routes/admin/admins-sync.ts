import { adminsSyncFromDirectory } from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { reject, requireString } from '../../params/read-param.js';
import { defineRoute, type Route } from '../../route.js';
import { serializeAdmin } from '../../serialize/serialize-admin.js';
import { newAdminId } from '../../state/admin-ids.js';
import { findAdminByEmail } from '../../state/admin-lookup.js';
import { normalizeAdminPhone } from '../../state/admin-phone.js';
import { adminDefaults, adminsOf, type AdminRecord } from '../../state/admin-records.js';
import { nowSeconds } from './admins-fields.js';

/**
 * `POST /admin/v1/admins/directorysync/{directory_key}/syncadmin`: brings one administrator in
 * line with the directory's admin sync source (`directory.admins`, by email). What the emulator
 * does, since Duo documents only "create, update, or mark for deletion":
 * - in the source, unknown to Duo: created Active (the directory vouches for it), managed by the sync;
 * - in the source, known: name, role and phone follow the source, and it becomes managed by the sync
 *   (a sync-disabled administrator comes back Active);
 * - not in the source but managed by this sync: Disabled (marked for deletion);
 * - not in the source and not managed by it: 404/40401 naming `email`.
 * Owners may not be synced (Duo documents it): 400/40002 naming `email`, as is an administrator
 * another directory manages. Answers the administrator (Duo's answer is undocumented).
 */
export const adminSyncRoutes: Route[] = [
  defineRoute({
    endpoint: adminsSyncFromDirectory,
    handle(ctx) {
      const { account } = ctx;
      const directoryKey = ctx.path['directory_key'] ?? '';
      const directory = account.directories[directoryKey];
      if (!directory) reject(failures.notFound('directory_key'));
      const email = requireString(ctx.params, 'email').trim();
      const wanted = email.toLowerCase();
      const source = Object.entries(directory.admins ?? {}).find(([address]) => address.toLowerCase() === wanted);
      let admin = findAdminByEmail(account, email);
      if (admin && (admin.role ?? adminDefaults.role) === 'Owner') reject(failures.invalidParam('email'));
      if (source?.[1].role === 'Owner') reject(failures.invalidParam('email'));
      if (admin && typeof admin.directory_key === 'string' && admin.directory_key !== directoryKey) reject(failures.invalidParam('email'));
      const nowSec = nowSeconds(ctx);
      if (!source) {
        if (!admin || admin.directory_key !== directoryKey) reject(failures.notFound('email'));
        admin.status = 'Disabled';
        admin.disabled_reason = 'directory';
        admin.last_directory_sync = nowSec;
        return ok(serializeAdmin(account, admin));
      }
      const [address, entry] = source;
      const admins = adminsOf(account);
      if (!admin) {
        admin = {
          admin_id: newAdminId(ctx.random, (id) => admins[id] !== undefined || account.admin_activations?.[id] !== undefined),
          name: entry.name,
          email: address,
          status: 'Active',
          created: nowSec,
          last_login: null,
          restricted_by_admin_units: false,
          password_change_required: false,
        } satisfies AdminRecord;
        admins[admin.admin_id] = admin;
      }
      admin.name = entry.name;
      admin.role = entry.role;
      if (entry.phone !== undefined) admin.phone = normalizeAdminPhone(entry.phone) ?? null;
      if (admin.status === 'Disabled' && admin.disabled_reason === 'directory') {
        admin.status = 'Active';
        admin.disabled_reason = null;
      }
      admin.directory_key = directoryKey;
      admin.last_directory_sync = nowSec;
      return ok(serializeAdmin(account, admin));
    },
  }),
];
