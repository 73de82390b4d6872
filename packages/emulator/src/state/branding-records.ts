import type { Account } from './types.js';

/** The branding fields, in Duo's wire names; images are base64 PNGs, '' when none. */
export interface BrandingFields {
  background_img: string;
  card_accent_color: string;
  logo: string;
  page_background_color: string;
  powered_by_duo: boolean;
  sso_custom_username_label: string;
}

/** Custom messaging of the Universal Prompt. */
export interface CustomMessagingRecord {
  help_links: string[];
  help_text: string;
  locale: string;
}

/**
 * An account's custom branding: the live branding everyone sees, a separate draft that only
 * `draft_user_ids` see until it is published, and custom messaging (live at once, no draft).
 * The live `logo` is not stored here: it is the account's one logo (`logo_png_base64`, the one
 * `/auth/v2/logo` serves), since Duo's Admin Panel keeps a single logo per account.
 */
export interface BrandingRecord {
  live: Omit<BrandingFields, 'logo'>;
  draft: BrandingFields;
  draft_user_ids: string[];
  custom_messaging: CustomMessagingRecord;
}

/**
 * What an account without custom branding shows. Duo documents no defaults; these are the
 * emulator's: no images, white page, Duo's green accent, "Secured by Duo" shown, default label.
 */
export const DEFAULT_BRANDING: BrandingFields = {
  background_img: '',
  card_accent_color: '#3DAE2B',
  logo: '',
  page_background_color: '#FFFFFF',
  powered_by_duo: true,
  sso_custom_username_label: '',
};

/** The account's branding, created with the defaults on first use. */
export function brandingOf(account: Account): BrandingRecord {
  if (!account.branding) {
    const { logo, ...live } = DEFAULT_BRANDING;
    account.branding = {
      live,
      draft: { ...DEFAULT_BRANDING, logo: account.logo_png_base64 ?? logo },
      draft_user_ids: [],
      custom_messaging: { help_links: [], help_text: '', locale: 'en_US' },
    };
  }
  return account.branding;
}

/** The live branding fields, the logo read from the account. */
export function liveBranding(account: Account): BrandingFields {
  return { ...brandingOf(account).live, logo: account.logo_png_base64 ?? '' };
}

/** Writes live branding fields, the logo to the account's one logo ('' removes it). */
export function setLiveBranding(account: Account, fields: BrandingFields): void {
  const { logo, ...live } = fields;
  brandingOf(account).live = live;
  if (logo === '') delete account.logo_png_base64;
  else account.logo_png_base64 = logo;
}

/** Size and dimension limits Duo documents for a branding image. */
export interface PngLimits {
  maxBytes: number;
  minSide: number;
  maxWidth: number;
  maxHeight: number;
}

/** The logo: under 200 KB, 12x12 to 500x500 px. */
export const LOGO_LIMITS: PngLimits = { maxBytes: 200 * 1024, minSide: 12, maxWidth: 500, maxHeight: 500 };
/** The background image: under 3 MB, 12x12 to 3840x2160 px. */
export const BACKGROUND_LIMITS: PngLimits = { maxBytes: 3 * 1024 * 1024, minSide: 12, maxWidth: 3840, maxHeight: 2160 };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * What is wrong with a base64 branding image, or undefined when it is a PNG within `limits`:
 * strict base64, the PNG signature, an IHDR chunk first, and the width and height it declares.
 * Only the header is read; a damaged image body passes, as Duo's check of it is unknown.
 */
export function pngProblem(base64: string, limits: PngLimits): string | undefined {
  const text = base64.trim();
  if (text === '' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return 'not base64';
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length >= limits.maxBytes) return `larger than ${limits.maxBytes} bytes`;
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return 'not a PNG';
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return 'not a PNG';
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width < limits.minSide || height < limits.minSide) return `smaller than ${limits.minSide}x${limits.minSide} px`;
  if (width > limits.maxWidth || height > limits.maxHeight) return `larger than ${limits.maxWidth}x${limits.maxHeight} px`;
  return undefined;
}
