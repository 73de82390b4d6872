import type { TemplatePart } from './parse-username-template.js';

/** A Vault entity as `identity/entity/id/:id` reads it (only the fields templates use). */
export interface VaultIdentity {
  id?: string | undefined;
  name?: string | undefined;
  metadata?: Record<string, string> | undefined;
  aliases?: Array<{
    mount_accessor: string;
    id?: string | undefined;
    name?: string | undefined;
    metadata?: Record<string, string> | undefined;
    custom_metadata?: Record<string, string> | undefined;
  }> | undefined;
}

/** The rendered username, or what the identity lacks. */
export type RenderedTemplate = { ok: true; value: string } | { ok: false; error: string };

/**
 * Fills a parsed template from an identity. No parts (an empty template) means the entity name,
 * as in Vault. A value the identity lacks is an error, never an empty string: pushing to the wrong
 * (or a blank) username is worse than refusing.
 */
export function renderUsernameTemplate(parts: readonly TemplatePart[], identity: VaultIdentity): RenderedTemplate {
  if (parts.length === 0) {
    return identity.name ? { ok: true, value: identity.name } : { ok: false, error: 'the identity has no entity name' };
  }
  let value = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      value += part.text;
      continue;
    }
    const found = lookup(part.path, identity);
    if (found === undefined || found === '') return { ok: false, error: `the identity has no value for {{${part.source}}}` };
    value += found;
  }
  return { ok: true, value };
}

function lookup(path: Extract<TemplatePart, { kind: 'path' }>['path'], identity: VaultIdentity): string | undefined {
  switch (path.kind) {
    case 'entity_id':
      return identity.id;
    case 'entity_name':
      return identity.name;
    case 'entity_metadata':
      return own(identity.metadata, path.key);
    case 'alias_field': {
      const alias = identity.aliases?.find((a) => a.mount_accessor === path.accessor);
      return alias?.[path.field];
    }
    case 'alias_metadata': {
      const alias = identity.aliases?.find((a) => a.mount_accessor === path.accessor);
      return own(path.custom ? alias?.custom_metadata : alias?.metadata, path.key);
    }
  }
}

function own(map: Record<string, string> | undefined, key: string): string | undefined {
  return map && Object.hasOwn(map, key) ? map[key] : undefined;
}
