import { defineEndpoint, type ParamSpec } from './define-endpoint.js';
import { endpointFamily } from './endpoint-family.js';
import { t } from './shape.js';

/** Every branding endpoint needs "Grant settings". */
const branding = endpointFamily({ api: 'admin', read: 'settings', write: 'settings' });
const DOCS = 'https://duo.com/docs/adminapi';
const HEX_COLOR = '#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})';

/** The locales Duo's custom messaging takes (`en_US` first: the default language). */
export const CUSTOM_MESSAGING_LOCALES = [
  'en_US', 'cs_CZ', 'de_DE', 'es_ES', 'es_419', 'fi_FI', 'fr_FR', 'hi_IN', 'id_ID', 'it_IT',
  'ja_JP', 'ko_KR', 'nb_NO', 'pl_PL', 'pt_BR', 'sv_SE', 'th_TH', 'tr_TR', 'vi_VN', 'zh_hans_CN',
] as const;

const brandingFields = {
  background_img: t.string({ description: 'Base64 PNG behind the prompt (under 3 MB, 12x12 to 3840x2160 px); empty when none' }),
  card_accent_color: t.string({ description: 'CSS hex color of the line at the top of the prompt card' }),
  logo: t.string({ description: 'Base64 PNG logo (under 200 KB, 12x12 to 500x500 px); empty when none' }),
  page_background_color: t.string({ description: 'CSS hex color behind the prompt and any transparent background image' }),
  powered_by_duo: t.boolean({ description: 'Show the "Secured by Duo" branding' }),
  sso_custom_username_label: t.string({ description: 'Label of the username field in Duo SSO; empty for the default' }),
} as const;

/** Custom branding as Duo shows it in Duo SSO, the Universal Prompt and the traditional prompt. */
export const brandingShape = t.object(brandingFields, { required: Object.keys(brandingFields) as (keyof typeof brandingFields)[] });

/** Draft custom branding: the branding fields plus the users who see the draft. */
export const brandingDraftShape = t.object(
  { ...brandingFields, user_ids: t.array(t.string(), { description: 'Users who see the draft instead of the live branding' }) },
  { required: [...(Object.keys(brandingFields) as (keyof typeof brandingFields)[]), 'user_ids'] },
);

/** Custom messaging shown in the Universal Prompt (it supersedes the `helpdesk_message` setting). */
export const customMessagingShape = t.object(
  {
    help_links: t.array(t.string(), { maxItems: 2, description: 'Up to two http(s) help links' }),
    help_text: t.string({ description: 'Help text (200 characters at most, no links)' }),
    locale: t.string({ description: 'Language of the help text, e.g. en_US' }),
  },
  { required: ['help_links', 'help_text', 'locale'] },
);

const image = (what: string) => t.string({ description: `Base64-encoded PNG ${what}; an empty string removes it` });
const color = (what: string) => t.string({ pattern: HEX_COLOR, description: `CSS hex color (#RGB or #RRGGBB) ${what}` });

/** What live and draft branding are modified with; every field optional, the others kept. */
const brandingParams = {
  background_img: image('background image (under 3 MB, 12x12 to 3840x2160 px)'),
  card_accent_color: color('of the line at the top of the prompt card'),
  logo: image('logo (under 200 KB, 12x12 to 500x500 px)'),
  page_background_color: color('behind the prompt'),
  powered_by_duo: t.boolean({ description: 'Show the "Secured by Duo" branding' }),
  sso_custom_username_label: t.string({ description: 'Label of the username field in Duo SSO' }),
} as const satisfies Record<string, ParamSpec>;

/** `GET /admin/v1/branding`: the live branding. */
export const brandingGet = branding.get({
  id: 'branding.get',
  summary: 'Get live custom branding',
  path: '/admin/v1/branding',
  params: {},
  response: brandingShape,
  docs: `${DOCS}#retrieve-live-custom-branding`,
});

/** `POST /admin/v1/branding`: changes what every user sees now. */
export const brandingUpdate = branding.write({
  id: 'branding.update',
  summary: 'Modify live custom branding',
  path: '/admin/v1/branding',
  idempotent: true,
  params: brandingParams,
  response: brandingShape,
  docs: `${DOCS}#modify-live-custom-branding`,
});

/** `GET /admin/v1/branding/draft`. */
export const brandingGetDraft = branding.get({
  id: 'branding.get_draft',
  summary: 'Get draft custom branding',
  path: '/admin/v1/branding/draft',
  params: {},
  response: brandingDraftShape,
  docs: `${DOCS}#retrieve-draft-custom-branding`,
});

/** `POST /admin/v1/branding/draft`: live branding is untouched until the draft is published. */
export const brandingUpdateDraft = branding.write({
  id: 'branding.update_draft',
  summary: 'Modify draft custom branding',
  path: '/admin/v1/branding/draft',
  idempotent: true,
  params: {
    ...brandingParams,
    user_ids: t.array(t.string({ minLength: 1 }), { description: 'Replaces the users who see the draft (Duo also takes them comma-separated)' }),
  },
  response: brandingDraftShape,
  docs: `${DOCS}#modify-draft-custom-branding`,
});

/** `POST /admin/v1/branding/draft/users/{user_id}`: adds one user to those who see the draft. */
export const brandingAddDraftUser = branding.write({
  id: 'branding.add_draft_user',
  summary: 'Let a user see the draft custom branding',
  path: '/admin/v1/branding/draft/users/{user_id}',
  idempotent: true,
  params: { user_id: t.string({ minLength: 1 }) },
  response: brandingDraftShape,
  docs: `${DOCS}#add-draft-custom-branding-user-by-id`,
});

/** `POST /admin/v1/branding/draft/publish`: the draft becomes the live branding for everyone. */
export const brandingPublishDraft = branding.write({
  id: 'branding.publish_draft',
  summary: 'Publish draft custom branding as live',
  path: '/admin/v1/branding/draft/publish',
  idempotent: true,
  params: {},
  response: brandingShape,
  docs: `${DOCS}#publish-draft-custom-branding-as-live-custom-branding`,
});

/** `GET /admin/v1/branding/custom_messaging`. */
export const brandingGetCustomMessaging = branding.get({
  id: 'branding.get_custom_messaging',
  summary: 'Get custom messaging',
  path: '/admin/v1/branding/custom_messaging',
  params: {},
  response: customMessagingShape,
  docs: `${DOCS}#retrieve-custom-messaging`,
});

/** `POST /admin/v1/branding/custom_messaging`: live at once (custom messaging has no draft). */
export const brandingUpdateCustomMessaging = branding.write({
  id: 'branding.update_custom_messaging',
  summary: 'Modify custom messaging',
  path: '/admin/v1/branding/custom_messaging',
  idempotent: true,
  params: {
    help_links: t.array(t.string({ minLength: 1, pattern: 'https?://\\S+' }), { maxItems: 2, description: 'Up to two http(s) links; replaces the old ones (Duo also takes them comma-separated)' }),
    help_text: t.string({ maxLength: 200, description: 'Help text for `locale`, 200 characters at most, no links' }),
    locale: t.enum(CUSTOM_MESSAGING_LOCALES, { description: 'Language of help_text (default en_US)' }),
  },
  response: customMessagingShape,
  docs: `${DOCS}#modify-custom-messaging`,
});

/** Every custom branding and custom messaging endpoint. */
export const brandingEndpoints = [
  brandingGet,
  brandingUpdate,
  brandingGetDraft,
  brandingUpdateDraft,
  brandingAddDraftUser,
  brandingPublishDraft,
  brandingGetCustomMessaging,
  brandingUpdateCustomMessaging,
] as const;
