import type { FieldSpec } from '../../ui/schema-fields.js';

/**
 * Ways to name one thing: the fields people know it by, then the Duo id as the alternative.
 * An action that takes several of them (exactly one is sent) gets them together in one fieldset.
 */
const REFERENCES: ReadonlyArray<{ legend: string; names: readonly string[]; id: string; idHelp: string }> = [
  { legend: 'User', names: ['username', 'email', 'user'], id: 'user_id', idHelp: 'Or the Duo user id (DU…), instead of a name.' },
  { legend: 'Phone', names: ['number'], id: 'phone_id', idHelp: 'Or the Duo phone id (DP…), instead of the number.' },
  { legend: 'Group', names: ['group_name'], id: 'group_id', idHelp: 'Or the Duo group id (DG…), instead of the name.' },
  { legend: 'Hardware token', names: ['serial'], id: 'token_id', idHelp: 'Or the Duo token id (DH…), instead of the serial.' },
];

/**
 * The form's fields as shown: where an action names a user (phone, group, token) by a name or an id,
 * the name fields come first and the id last, grouped under one legend that says to give one of them.
 * Only the display changes: each grouped field keeps its own path, so reading the form is unchanged.
 * Fields of nested objects and actions with a lone id field are left as they are.
 */
export function groupReferenceFields(fields: readonly FieldSpec[]): FieldSpec[] {
  let out = [...fields];
  for (const ref of REFERENCES) {
    const id = out.find((f) => f.path === ref.id && f.kind === 'text');
    const names = ref.names.map((n) => out.find((f) => f.path === n && f.kind === 'text')).filter((f): f is FieldSpec => f !== undefined);
    if (!id || names.length === 0) continue;
    const members = new Set([id, ...names]);
    const at = out.findIndex((f) => members.has(f));
    const group: FieldSpec = {
      path: `$ref-${ref.id}`,
      name: `$ref-${ref.id}`,
      label: ref.legend,
      kind: 'object',
      required: false,
      description: names.length > 1 ? `Give one of these.` : `Give one of the two.`,
      fields: [...names, { ...id, description: ref.idHelp }],
    };
    out = out.filter((f) => !members.has(f));
    out.splice(at, 0, group);
  }
  return out;
}
