import {
  brandingAddDraftUser,
  brandingGet,
  brandingGetCustomMessaging,
  brandingGetDraft,
  brandingPublishDraft,
  brandingUpdate,
  brandingUpdateCustomMessaging,
  brandingUpdateDraft,
} from '@duohub/sdk';
import { diffFields, dryRunByReading } from '../from-endpoint/dry-run-by-reading.js';
import { endpointAction } from '../from-endpoint/endpoint-action.js';
import { dryRun, duoId, type DryRunOutput } from '../schemas/common.js';

/**
 * Catalog actions of Duo's custom branding (what the Universal Prompt, Duo SSO and the traditional
 * prompt look like) and custom messaging (the help links and text they show). Live branding and
 * custom messaging reach every user at once, so changing them is destructive with a dry run that
 * shows the change; the draft reaches only its test users until it is published.
 */

const resource = 'branding';
const IMAGES = new Set(['logo', 'background_img']);
const BRANDING_FIELDS = ['background_img', 'card_accent_color', 'logo', 'page_background_color', 'powered_by_duo', 'sso_custom_username_label'];

/** An image value as a diff shows it: its size, not kilobytes of base64. */
function shown(name: string, value: unknown): unknown {
  if (!IMAGES.has(name) || typeof value !== 'string') return value;
  return value === '' ? '(none)' : `(PNG image, ${Math.floor((value.length * 3) / 4)} bytes)`;
}

/** The diff of branding fields from `from` to `to`, images summarized. */
function brandingDiff(from: Record<string, unknown>, to: Record<string, unknown>): DryRunOutput['diff'] {
  const diff = diffFields(from, to, BRANDING_FIELDS);
  return Object.fromEntries(Object.entries(diff).map(([name, d]) => [name, { from: shown(name, d.from), to: shown(name, d.to) }]));
}

const changed = (diff: DryRunOutput['diff']) => Object.keys(diff ?? {});

/** Reads the live branding. */
export const brandingGetAction = endpointAction(brandingGet, {
  resource,
  title: 'Get live branding',
  description: 'Reads the custom branding every user sees now: logo, background image, colors, username label and "Secured by Duo".',
});

/** Changes the live branding. */
export const brandingUpdateAction = endpointAction(brandingUpdate, {
  resource,
  title: 'Update live branding',
  description: 'Changes the branding every user sees at once (images as base64 PNG). A dry run shows each field that would change.',
  destructive: true,
  dryRun: dryRunByReading(
    brandingGet,
    (target, input) => {
      const fields = changed(brandingDiff(target, input));
      return fields.length ? `would change ${fields.join(', ')} of the live branding for every user` : 'would change nothing: the live branding already has these values';
    },
    brandingDiff,
  ),
});

/** Reads the draft branding. */
export const brandingGetDraftAction = endpointAction(brandingGetDraft, {
  resource,
  title: 'Get draft branding',
  description: 'Reads the draft custom branding and the users who see it instead of the live branding.',
});

/** Changes the draft branding (only its test users see it). */
export const brandingUpdateDraftAction = endpointAction(brandingUpdateDraft, {
  resource,
  title: 'Update draft branding',
  description: 'Changes the draft branding, and with user_ids who sees it; other users keep the live branding until the draft is published.',
});

/** Lets one more user see the draft branding. */
export const brandingAddDraftUserAction = endpointAction(brandingAddDraftUser, {
  resource,
  title: 'Show draft branding to a user',
  description: 'Adds one user (by Duo user id) to those who see the draft branding, to try it before publishing.',
  input: { user_id: duoId('user') },
});

/** Publishes the draft as the live branding. */
export const brandingPublishDraftAction = endpointAction(brandingPublishDraft, {
  resource,
  title: 'Publish draft branding',
  description: 'Makes the draft branding the live branding for every user and clears the draft test users. A dry run shows what live would become.',
  destructive: true,
  dryRun: async (ctx) => {
    const admin = ctx.admin();
    const options = ctx.signal ? { signal: ctx.signal } : {};
    const [live, draft] = await Promise.all([admin.branding.get(options), admin.branding.getDraft(options)]);
    const { user_ids: _users, ...becomes } = draft;
    const diff = brandingDiff(live, becomes);
    const fields = changed(diff);
    const changes = fields.length
      ? `would publish the draft: ${fields.join(', ')} of the live branding would change for every user`
      : 'would publish the draft, which matches the live branding: nothing users see would change';
    return dryRun({ live, becomes }, changes, fields.length ? diff : undefined);
  },
});

/** Reads the custom messaging. */
export const brandingGetCustomMessagingAction = endpointAction(brandingGetCustomMessaging, {
  resource,
  title: 'Get custom messaging',
  description: 'Reads the help links and help text users see in the Universal Prompt, and its language.',
});

/** Changes the custom messaging (live at once). */
export const brandingUpdateCustomMessagingAction = endpointAction(brandingUpdateCustomMessaging, {
  resource,
  title: 'Update custom messaging',
  description: 'Changes the help links (up to two) and help text users see in the Universal Prompt at once. A dry run shows what would change.',
  destructive: true,
  dryRun: dryRunByReading(
    brandingGetCustomMessaging,
    (target, input) => {
      const fields = changed(diffFields(target, input, ['help_links', 'help_text', 'locale']));
      return fields.length ? `would change ${fields.join(', ')} of the custom messaging every user sees` : 'would change nothing: the custom messaging already has these values';
    },
    (target, input) => diffFields(target, input, ['help_links', 'help_text', 'locale']),
  ),
});

/** Every branding and custom messaging action, in catalog order. */
export const brandingActions = [
  brandingGetAction,
  brandingUpdateAction,
  brandingGetDraftAction,
  brandingUpdateDraftAction,
  brandingAddDraftUserAction,
  brandingPublishDraftAction,
  brandingGetCustomMessagingAction,
  brandingUpdateCustomMessagingAction,
];
