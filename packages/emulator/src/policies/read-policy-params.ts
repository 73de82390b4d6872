import { failures } from '../duo-result.js';
import { reject } from '../params/read-param.js';
import type { Params } from '../route.js';
import type { Account } from '../state/types.js';
import { sectionNamesProblem, sectionsProblem } from './check-sections.js';
import { isApplication } from './policy-assignments.js';
import type { Sections } from './policy-sections.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A JSON-valued parameter: the raw value of a JSON body, or (from a form or query, which Duo's v5
 * endpoints do not expect but some tools send) the parameter's text parsed as JSON. Undefined when
 * absent; text that is not JSON -> 400/40002 naming it.
 */
export function jsonParam(params: Params, name: string): unknown {
  const raw = params.json(name);
  if (raw !== undefined) return raw;
  const text = params.get(name);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return reject(failures.invalidParam(name));
  }
}

/** A `sections` value checked as Duo names problems (`sections.<name>.<setting>`). */
export function readSections(value: unknown, where: string, unknown: 'reject' | 'accept'): Sections | undefined {
  if (value === undefined || value === null) return undefined;
  const problem = sectionsProblem(value, where, unknown);
  if (problem) reject(failures.invalidParam(problem));
  return value as Sections;
}

/** A `sections_to_delete` value: a list of section names. */
export function readSectionNames(value: unknown, where: string, unknown: 'reject' | 'accept'): string[] {
  if (value === undefined || value === null) return [];
  const problem = sectionNamesProblem(value, where, unknown);
  if (problem) reject(failures.invalidParam(problem));
  return [...new Set(value as string[])];
}

/**
 * `{applications_list: [...]}` naming applications of the account (not the Admin or Accounts API);
 * anything else -> 400/40002 naming the parameter. A bare list of keys is read the same way.
 */
export function readAppList(account: Account, value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : isPlainObject(value) ? value['applications_list'] : undefined;
  if (!Array.isArray(list) || !list.every((k) => typeof k === 'string' && k !== '')) reject(failures.invalidParam(name));
  for (const key of list as string[]) {
    const integration = account.integrations[key];
    if (!integration || !isApplication(integration)) reject(failures.invalidParam(name));
  }
  return [...new Set(list as string[])];
}

/** One group binding of `apply_to_groups_in_apps`. */
export interface GroupBinding {
  app_integration_key: string;
  group_id_list: string[];
}

/**
 * `{apply_group_policies_list: [{app_integration_key, group_id_list}]}` naming the account's
 * applications and groups; anything else -> 400/40002 naming the parameter.
 */
export function readGroupBindings(account: Account, value: unknown, name: string): GroupBinding[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = isPlainObject(value) ? value['apply_group_policies_list'] : undefined;
  if (!Array.isArray(list)) return reject(failures.invalidParam(name));
  return list.map((item): GroupBinding => {
    if (!isPlainObject(item)) return reject(failures.invalidParam(name));
    const app = item['app_integration_key'];
    const groups = item['group_id_list'];
    const integration = typeof app === 'string' ? account.integrations[app] : undefined;
    if (!integration || !isApplication(integration)) return reject(failures.invalidParam(name));
    if (!Array.isArray(groups) || groups.length === 0 || !groups.every((g) => typeof g === 'string' && account.groups[g] !== undefined)) {
      return reject(failures.invalidParam(name));
    }
    return { app_integration_key: integration.integration_key, group_id_list: [...new Set(groups as string[])] };
  });
}

/**
 * `new_policy_names_list`: a JSON array (v5 body), repeated keys, or one JSON-array string; every
 * name a non-empty string, none repeated (case-insensitive) unless duplicates are allowed.
 */
export function readNewNames(params: Params, name: string, allowDuplicates: boolean): string[] {
  let list: unknown = params.json(name);
  if (list === undefined) {
    const values = params.getAll(name);
    list = values;
    if (values.length === 1 && values[0]!.trim().startsWith('[')) {
      try {
        list = JSON.parse(values[0]!) as unknown;
      } catch {
        reject(failures.invalidParam(name));
      }
    }
  }
  if (!Array.isArray(list) || list.length === 0 || !list.every((n) => typeof n === 'string' && n.trim() !== '')) {
    return reject(failures.invalidParam(name));
  }
  const lower = list.map((n: string) => n.trim().toLowerCase());
  if (!allowDuplicates && new Set(lower).size !== lower.length) reject(failures.invalidParam(name));
  return list as string[];
}
