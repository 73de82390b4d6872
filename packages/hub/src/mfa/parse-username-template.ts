/** Where a placeholder reads from a Vault identity. */
export type TemplatePath =
  | { kind: 'entity_id' }
  | { kind: 'entity_name' }
  | { kind: 'entity_metadata'; key: string }
  | { kind: 'alias_field'; accessor: string; field: 'id' | 'name' }
  | { kind: 'alias_metadata'; accessor: string; key: string; custom: boolean };

/** A parsed template: literal text and placeholders, in order. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'path'; source: string; path: TemplatePath };

/** The parse result: the parts, or every problem found (each message names the position). */
export type ParsedTemplate = { ok: true; parts: TemplatePart[] } | { ok: false; errors: string[] };

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const KEY = /^[A-Za-z0-9_.\-/]+$/;
// Vault's older step-up MFA spelled these without the `identity.` prefix; say so instead of a bare "unknown".
const LEGACY: Record<string, string> = {
  'entity.name': 'identity.entity.name',
  'entity.id': 'identity.entity.id',
  'alias.name': 'identity.entity.aliases.<mount accessor>.name',
};

/**
 * Parses a Vault identity template such as `{{identity.entity.aliases.auth_userpass_1234.name}}@corp`.
 * Known paths: `identity.entity.id|name`, `identity.entity.metadata.<key>`,
 * `identity.entity.aliases.<accessor>.id|name|metadata.<key>|custom_metadata.<key>`. Unbalanced or
 * stray braces and unknown paths are errors, so a bad template fails when it is saved, not at login.
 */
export function parseUsernameTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const errors: string[] = [];
  let i = 0;
  let text = '';
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    const close = template.indexOf('}}', i);
    if (close !== -1 && (open === -1 || close < open)) {
      errors.push(`"}}" at position ${close} closes nothing (unbalanced braces)`);
      text += template.slice(i, close);
      i = close + 2;
      continue;
    }
    if (open === -1) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, open);
    const end = template.indexOf('}}', open + 2);
    const nextOpen = template.indexOf('{{', open + 2);
    if (end === -1 || (nextOpen !== -1 && nextOpen < end)) {
      errors.push(`"{{" at position ${open} is never closed (unbalanced braces)`);
      i = open + 2;
      continue;
    }
    if (text) parts.push({ kind: 'text', text });
    text = '';
    const source = template.slice(open + 2, end).trim();
    const path = parsePath(source);
    if (typeof path === 'string') errors.push(path);
    else parts.push({ kind: 'path', source, path });
    i = end + 2;
  }
  if (text) parts.push({ kind: 'text', text });
  if (parts.some((p) => p.kind === 'text' && /[{}]/.test(p.text))) {
    errors.push('a single "{" or "}" is not allowed (unbalanced braces); placeholders are written {{identity.entity.name}}');
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, parts };
}

function parsePath(source: string): TemplatePath | string {
  if (source === '') return 'empty placeholder "{{}}"';
  const legacy = LEGACY[source];
  if (legacy) return `unknown path "${source}": write {{${legacy}}}`;
  const segments = source.split('.');
  if (segments[0] !== 'identity' || segments[1] !== 'entity') {
    return `unknown path "${source}": paths start with identity.entity (e.g. {{identity.entity.name}})`;
  }
  const rest = segments.slice(2);
  if (rest.length === 1 && rest[0] === 'id') return { kind: 'entity_id' };
  if (rest.length === 1 && rest[0] === 'name') return { kind: 'entity_name' };
  if (rest[0] === 'metadata') {
    const key = rest.slice(1).join('.');
    if (!key || !KEY.test(key)) return `"${source}" needs a metadata key: identity.entity.metadata.<key>`;
    return { kind: 'entity_metadata', key };
  }
  if (rest[0] === 'aliases') {
    const accessor = rest[1];
    if (!accessor || !SEGMENT.test(accessor)) return `"${source}" needs a mount accessor: identity.entity.aliases.<mount accessor>.name`;
    const field = rest[2];
    if ((field === 'id' || field === 'name') && rest.length === 3) return { kind: 'alias_field', accessor, field };
    if (field === 'metadata' || field === 'custom_metadata') {
      const key = rest.slice(3).join('.');
      if (!key || !KEY.test(key)) return `"${source}" needs a metadata key after ${field}`;
      return { kind: 'alias_metadata', accessor, key, custom: field === 'custom_metadata' };
    }
    return `unknown path "${source}": an alias has id, name, metadata.<key> and custom_metadata.<key>`;
  }
  return `unknown path "${source}": an entity has id, name, metadata.<key> and aliases.<mount accessor>.<field>`;
}
