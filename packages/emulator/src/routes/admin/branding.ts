import {
  brandingAddDraftUser,
  brandingGet,
  brandingGetCustomMessaging,
  brandingGetDraft,
  brandingPublishDraft,
  brandingUpdate,
  brandingUpdateCustomMessaging,
  brandingUpdateDraft,
  CUSTOM_MESSAGING_LOCALES,
} from '@duohub/sdk';
import { failures, ok } from '../../duo-result.js';
import { optionalBool, optionalEnum, reject } from '../../params/read-param.js';
import { defineRoute, type HandlerContext, type Params, type Route } from '../../route.js';
import { serializeCustomMessaging, serializeDraftBranding, serializeLiveBranding } from '../../serialize/serialize-branding.js';
import {
  BACKGROUND_LIMITS,
  brandingOf,
  liveBranding,
  LOGO_LIMITS,
  pngProblem,
  setLiveBranding,
  type BrandingFields,
} from '../../state/branding-records.js';

/**
 * Admin API custom branding and custom messaging. Live and draft branding are separate: changing
 * the draft changes only what its users see, until publishing copies it to live. Custom messaging
 * has no draft: a change is live at once.
 */
export const brandingRoutes: Route[] = [
  defineRoute({ endpoint: brandingGet, handle: (ctx) => ok(serializeLiveBranding(ctx.account)) }),
  defineRoute({
    endpoint: brandingUpdate,
    handle(ctx) {
      setLiveBranding(ctx.account, readBranding(ctx.params, liveBranding(ctx.account)));
      return ok(serializeLiveBranding(ctx.account));
    },
  }),
  defineRoute({ endpoint: brandingGetDraft, handle: (ctx) => ok(serializeDraftBranding(ctx.account)) }),
  defineRoute({
    endpoint: brandingUpdateDraft,
    handle(ctx) {
      const branding = brandingOf(ctx.account);
      const fields = readBranding(ctx.params, branding.draft);
      const userIds = readList(ctx.params, 'user_ids');
      // Only the account's users can be shown the draft (unknown ids: 40002, the emulator's reading).
      if (userIds?.some((id) => ctx.account.users[id] === undefined)) reject(failures.invalidParam('user_ids'));
      branding.draft = fields;
      if (userIds) branding.draft_user_ids = [...new Set(userIds)];
      return ok(serializeDraftBranding(ctx.account));
    },
  }),
  defineRoute({
    endpoint: brandingAddDraftUser,
    handle(ctx) {
      const userId = ctx.path['user_id'] ?? '';
      if (!ctx.account.users[userId]) reject(failures.notFound('user_id'));
      const branding = brandingOf(ctx.account);
      if (!branding.draft_user_ids.includes(userId)) branding.draft_user_ids.push(userId);
      return ok(serializeDraftBranding(ctx.account));
    },
  }),
  defineRoute({
    endpoint: brandingPublishDraft,
    handle(ctx) {
      // Duo: the draft replaces the live branding for all users, then the draft is removed. The
      // emulator's reading of "removed": the draft starts again from the new live branding, seen by nobody.
      const branding = brandingOf(ctx.account);
      setLiveBranding(ctx.account, { ...branding.draft });
      branding.draft_user_ids = [];
      return ok(serializeLiveBranding(ctx.account));
    },
  }),
  defineRoute({ endpoint: brandingGetCustomMessaging, handle: (ctx) => ok(serializeCustomMessaging(ctx.account)) }),
  defineRoute({ endpoint: brandingUpdateCustomMessaging, handle: updateCustomMessaging }),
];

/** The branding fields after applying the given parameters to `current`; a bad image -> 400/40002 naming it. */
function readBranding(params: Params, current: BrandingFields): BrandingFields {
  const next = { ...current };
  for (const [name, limits] of [['logo', LOGO_LIMITS], ['background_img', BACKGROUND_LIMITS]] as const) {
    const value = params.get(name);
    if (value === undefined) continue;
    // An empty string removes the image (the emulator's reading; Duo documents only setting one).
    if (value.trim() !== '' && pngProblem(value, limits) !== undefined) reject(failures.invalidParam(name));
    next[name] = value.trim();
  }
  // The declaration's pattern already refused malformed colors (40002).
  for (const name of ['card_accent_color', 'page_background_color', 'sso_custom_username_label'] as const) {
    const value = params.get(name);
    if (value !== undefined) next[name] = value;
  }
  const powered = optionalBool(params, 'powered_by_duo');
  if (powered !== undefined) next.powered_by_duo = powered;
  return next;
}

/**
 * A list parameter as Duo's documentation describes it (comma-separated) or as clients send lists
 * (a v5 JSON array, repeated keys, one JSON-array string). Undefined when absent; an empty value
 * or array clears the list.
 */
function readList(params: Params, name: string): string[] | undefined {
  const native = params.json(name);
  let values: string[];
  if (Array.isArray(native)) {
    if (!native.every((v) => typeof v === 'string')) reject(failures.invalidParam(name));
    values = native as string[];
  } else {
    values = params.getAll(name);
    if (values.length === 0) return undefined;
    if (values.length === 1 && values[0]!.trim().startsWith('[')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(values[0]!);
      } catch {
        reject(failures.invalidParam(name));
      }
      if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) reject(failures.invalidParam(name));
      values = parsed as string[];
    }
  }
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

const LINK = /^https?:\/\/\S+$/i;

/**
 * Custom messaging: up to two http(s) help links (a given list replaces the old one), help text of
 * at most 200 characters (shown as plain text), and its locale (default en_US). Fields not given stay.
 */
function updateCustomMessaging(ctx: HandlerContext) {
  const messaging = brandingOf(ctx.account).custom_messaging;
  const links = readList(ctx.params, 'help_links');
  if (links && (links.length > 2 || links.some((l) => !LINK.test(l)))) reject(failures.invalidParam('help_links'));
  const text = ctx.params.get('help_text');
  if (text !== undefined && text.length > 200) reject(failures.invalidParam('help_text'));
  const locale = optionalEnum(ctx.params, 'locale', CUSTOM_MESSAGING_LOCALES);
  if (links) messaging.help_links = links;
  if (text !== undefined) messaging.help_text = text;
  if (locale !== undefined) messaging.locale = locale;
  return ok(serializeCustomMessaging(ctx.account));
}
