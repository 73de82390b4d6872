import type { TemplatePart } from './parse-username-template.js';
import type { VaultIdentity } from './render-username-template.js';

/**
 * An identity that has every value a template asks for (`jdoe`-style samples), so rendering it at
 * write time finds syntax and path errors without inventing a real user.
 */
export function sampleIdentity(parts: readonly TemplatePart[]): VaultIdentity {
  const identity: VaultIdentity = { id: '00000000-0000-4000-8000-000000000000', name: 'sample.user', metadata: {}, aliases: [] };
  for (const part of parts) {
    if (part.kind !== 'path') continue;
    const p = part.path;
    if (p.kind === 'entity_metadata') identity.metadata![p.key] = `sample-${p.key}`;
    if (p.kind === 'alias_field' || p.kind === 'alias_metadata') {
      let alias = identity.aliases!.find((a) => a.mount_accessor === p.accessor);
      if (!alias) {
        alias = { mount_accessor: p.accessor, id: '00000000-0000-4000-8000-000000000001', name: 'sample.alias', metadata: {}, custom_metadata: {} };
        identity.aliases!.push(alias);
      }
      if (p.kind === 'alias_metadata') (p.custom ? alias.custom_metadata! : alias.metadata!)[p.key] = `sample-${p.key}`;
    }
  }
  return identity;
}
