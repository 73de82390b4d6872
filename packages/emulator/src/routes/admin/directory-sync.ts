import { usersSyncFromDirectory } from '@duohub/sdk';
import { putUser } from '../../state/user-index.js';
import { failures, ok } from '../../duo-result.js';
import { reject, requireString } from '../../params/read-param.js';
import { defineRoute, type Route } from '../../route.js';
import { serializeUser } from '../../serialize/serialize-user.js';
import { newUser } from '../../state/new-user.js';
import { findUserByName } from './user-fields.js';

/**
 * `POST /admin/v1/users/directorysync/{directory_key}/syncuser`: brings one user in line with the
 * account's directory (`account.directories`): created or updated when the directory holds the
 * username, marked `pending deletion` when it no longer does. Answers the user object (Duo's shape is
 * unverified).
 */
export const directorySyncRoutes: Route[] = [
  defineRoute({
    endpoint: usersSyncFromDirectory,
    handle(ctx) {
      const { account } = ctx;
      const directory = account.directories[ctx.path['directory_key'] ?? ''];
      if (!directory) reject(failures.notFound('directory_key'));
      const username = requireString(ctx.params, 'username');
      const source = Object.entries(directory.users).find(([name]) => name.toLowerCase() === username.toLowerCase());
      let user = findUserByName(account, username);
      const nowSec = Math.floor(ctx.now() / 1000);
      if (!source) {
        if (!user) reject(failures.notFound('username'));
        user.status = 'pending deletion';
        user.last_directory_sync = nowSec;
        return ok(serializeUser(account, user));
      }
      const [sourceName, entry] = source;
      if (!user) {
        user = newUser(account, sourceName, ctx.random, ctx.now());
        user.external_id = `${directory.directory_key}:${sourceName}`;
        putUser(account, user);
      }
      user.realname = entry.realname;
      user.email = entry.email;
      if (entry.firstname !== undefined) user.firstname = entry.firstname;
      if (entry.lastname !== undefined) user.lastname = entry.lastname;
      if (user.status === 'pending deletion') user.status = 'active';
      user.last_directory_sync = nowSec;
      return ok(serializeUser(account, user));
    },
  }),
];
