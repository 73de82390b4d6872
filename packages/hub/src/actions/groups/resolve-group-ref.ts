import type { DuoAdminClient, DuoGroup } from '@duohub/sdk';
import { z } from 'zod';
import { HubError } from '../../errors/hub-error.js';
import { duoId } from '../schemas/common.js';
import { groupNameMatch, pickGroupsByName } from './group-name-match.js';

/** Input naming a group by id or by name (exactly one). */
export const groupRefInput = {
  group_id: duoId('group').optional(),
  group_name: z.string().trim().min(1).max(256).optional().describe('Duo group name (instead of group_id)'),
};

/** Rejects inputs naming no group or both ways at once. */
export function oneGroupRef(v: { group_id?: string | undefined; group_name?: string | undefined }): boolean {
  return (v.group_id === undefined) !== (v.group_name === undefined);
}

/** Message and path for the `oneGroupRef` refinement. */
export const oneGroupRefIssue = { message: 'give exactly one of group_id or group_name', path: ['group_id'] };

/**
 * The group a reference points at. A name is looked up over the whole group list (Duo has no name
 * filter), keeping only matches; two groups answering to it, or none, is an error naming `group_name`.
 */
export async function resolveGroupRef(
  admin: DuoAdminClient,
  ref: { group_id?: string | undefined; group_name?: string | undefined },
): Promise<DuoGroup> {
  if (ref.group_id) return admin.groups.get(ref.group_id);
  const wanted = ref.group_name ?? '';
  const candidates: DuoGroup[] = [];
  for await (const group of admin.groups.list()) {
    if (groupNameMatch(String(group.name), wanted)) candidates.push(group);
  }
  const found = pickGroupsByName(candidates, wanted);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new HubError('not_found', {
      message: 'No Duo group has that group_name.',
      details: { field: 'group_name', lookup: 'group_name' },
    });
  }
  throw new HubError('validation_failed', {
    message: `${found.length} Duo groups have that group_name; name one by group_id.`,
    details: [{ in: 'input', field: 'group_name', message: `ambiguous: matches ${found.map((g) => g.group_id).join(', ')}` }],
  });
}
