import { AUTH_METHODS, KNOWN_SECTIONS, SETTING_CHOICES } from './policy-sections.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const METHOD_LISTS = ['allowed_auth_list', 'blocked_auth_list'] as const;

/**
 * What is wrong with a `sections` value as Duo would name it in `message_detail`: the path of the
 * first bad part (`sections`, `sections.<name>`, `sections.<name>.<setting>`), or undefined when it
 * is acceptable. Checked: an object of objects, known section names (unless `unknown` is
 * `accept`), the few settings whose values are documented choices, and authentication method lists
 * (known method names, no method both allowed and blocked).
 */
export function sectionsProblem(value: unknown, where: string, unknown: 'reject' | 'accept'): string | undefined {
  if (!isPlainObject(value)) return where;
  for (const [name, settings] of Object.entries(value)) {
    const path = `${where}.${name}`;
    if (!KNOWN_SECTIONS.has(name) && unknown === 'reject') return path;
    if (!isPlainObject(settings)) return path;
    for (const [setting, choices] of Object.entries(SETTING_CHOICES[name] ?? {})) {
      const given = settings[setting];
      if (given !== undefined && (typeof given !== 'string' || !choices.includes(given))) return `${path}.${setting}`;
    }
    if (name === 'authentication_methods') {
      for (const list of METHOD_LISTS) {
        const given = settings[list];
        if (given !== undefined && (!Array.isArray(given) || !given.every((m) => typeof m === 'string' && AUTH_METHODS.includes(m)))) {
          return `${path}.${list}`;
        }
      }
      const allowed = (settings['allowed_auth_list'] as string[] | undefined) ?? [];
      const blocked = new Set((settings['blocked_auth_list'] as string[] | undefined) ?? []);
      if (allowed.some((m) => blocked.has(m))) return path;
    }
  }
  return undefined;
}

/**
 * What is wrong with a `sections_to_delete` value: the parameter's name when it is not a list of
 * section names (known ones, unless `unknown` is `accept`), else undefined.
 */
export function sectionNamesProblem(value: unknown, where: string, unknown: 'reject' | 'accept'): string | undefined {
  if (!Array.isArray(value)) return where;
  const ok = value.every((n) => typeof n === 'string' && n !== '' && (unknown === 'accept' || KNOWN_SECTIONS.has(n)));
  return ok ? undefined : where;
}
