import { groupsCreate } from '@duohub/sdk';
import { z } from 'zod';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/** Flags Duo still accepts on groups but ignores; the catalog does not offer them. */
export const LEGACY_GROUP_FLAGS = ['push_enabled', 'sms_enabled', 'voice_enabled', 'mobile_otp_enabled', 'u2f_enabled'] as const;

/** Duo's group object; unknown fields pass through untouched. */
export const duoGroup = z.looseObject({
  group_id: z.string(),
  name: z.string(),
  desc: z.string().nullish(),
  status: z.string().nullish(),
});

/** A group member as Duo's member list shows it. */
export const duoGroupMember = z.looseObject({ user_id: z.string(), username: z.string() });

const declared = zodFromEndpointParams(groupsCreate, { omit: LEGACY_GROUP_FLAGS });

/**
 * The fields a group is created or changed with, derived from the SDK's `groups.create`
 * declaration; the hub bounds the name and description people type (Duo documents no limit).
 */
export const groupFields = {
  name: z.string().trim().min(1).max(256).describe('Group name'),
  desc: z.string().max(1024).optional().describe('Description'),
  status: declared.status,
};
