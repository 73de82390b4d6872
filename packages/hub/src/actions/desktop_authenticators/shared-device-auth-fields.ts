import { sharedDeviceAuthCreate } from '@duohub/sdk';
import { z } from 'zod';
import { duoId } from '../schemas/common.js';
import { zodFromEndpointParams } from '../schemas/zod-from-endpoint-params.js';

/**
 * Input fields of a shared device authentication configuration, derived from the SDK's
 * declaration (so a parameter Duo adds or renames shows up here); the hub restates each one typed,
 * narrowing the lists to Duo ids so a typo is a 400 naming the field.
 */
export const sharedDeviceAuthFields = {
  ...zodFromEndpointParams(sharedDeviceAuthCreate),
  name: z.string().min(1).max(255).optional().describe('Name of the configuration'),
  active: z.boolean().optional().describe('Whether it applies (default true)'),
  group_id_list: z.array(duoId('group')).min(1).describe('Groups whose users may authenticate on shared devices'),
  trusted_endpoint_integration_id_list: z
    .array(duoId('integration'))
    .min(1)
    .describe('Trusted Endpoints management integrations that mark the shared devices'),
};
