/** An action offered on a result row: its label, the catalog id it opens, and the fields it prefills. */
export interface RowAction {
  label: string;
  actionId: string;
  fields: Record<string, string>;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Prefers a name over an id: a user by username, a phone by number (tablets have none: then its id). */
function userRef(row: Record<string, unknown>): Record<string, string> | null {
  const username = text(row['username']);
  if (username) return { username };
  const id = text(row['user_id']);
  return id ? { user_id: id } : null;
}

function phoneRef(row: Record<string, unknown>): Record<string, string> | null {
  const number = text(row['number']);
  if (number) return { number };
  const id = text(row['phone_id']);
  return id ? { phone_id: id } : null;
}

/**
 * Follow-on actions for one row of a `resource` list: from a user, enroll, see their phones (to send
 * an activation), create bypass codes and delete; from a phone, send the activation and delete; from a
 * group its members; from a bypass code, delete it. Only actions in `available` are offered.
 */
export function rowActions(resource: string, row: Record<string, unknown>, available: ReadonlySet<string>): RowAction[] {
  const out: RowAction[] = [];
  const add = (label: string, actionId: string, fields: Record<string, string> | null) => {
    if (fields && available.has(actionId)) out.push({ label, actionId, fields });
  };
  // A row is a user (phone, group) when it carries the id: other answers of the same resource, such
  // as a user's auth logs, are not offered actions on it.
  if (resource === 'users' && text(row['user_id'])) {
    const ref = userRef(row);
    const username = text(row['username']);
    const email = text(row['email']);
    add('Enroll', 'users.enroll', username ? { username, ...(email ? { email } : {}) } : null);
    add('Phones', 'phones.list_for_user', ref);
    add('Bypass codes', 'bypass_codes.create_for_user', ref);
    add('Delete', 'users.delete', ref);
  } else if (resource === 'phones' && text(row['phone_id'])) {
    const ref = phoneRef(row);
    add('Send activation', 'phones.send_sms_activation', ref);
    add('Delete', 'phones.delete', ref);
  } else if (resource === 'groups' && text(row['group_id'])) {
    const name = text(row['name']);
    add('Members', 'groups.list_members', name ? { group_name: name } : null);
  } else if (resource === 'bypass_codes') {
    const id = text(row['bypass_code_id']);
    add('Delete', 'bypass_codes.delete', id ? { bypass_code_id: id } : null);
  }
  return out;
}
