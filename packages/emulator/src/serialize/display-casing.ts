import type { Phone } from '../state/types.js';

/** Phone platforms Duo accepts in requests (lower case), with the casing its responses use. */
export const PLATFORMS: Readonly<Record<string, string>> = {
  unknown: 'Unknown',
  'google android': 'Google Android',
  'apple ios': 'Apple iOS',
  'windows phone 7': 'Windows Phone',
  'rim blackberry': 'RIM BlackBerry',
  'java j2me': 'Java J2ME',
  'palm webos': 'Palm WebOS',
  'symbian os': 'Symbian OS',
  'windows mobile': 'Windows Mobile',
  'generic smartphone': 'Generic Smartphone',
};

const TYPES: Record<Phone['type'], string> = { unknown: 'Unknown', mobile: 'Mobile', landline: 'Landline' };

/** `mobile` -> `Mobile`: requests use lower case, responses display casing. */
export function displayPhoneType(type: string): string {
  return TYPES[type as Phone['type']] ?? type;
}

/** `apple ios` -> `Apple iOS`; an unlisted platform is shown as stored. */
export function displayPlatform(platform: string): string {
  return PLATFORMS[platform.toLowerCase()] ?? platform;
}

/** A request's platform in stored form (`Windows Phone` and `windows phone` mean `windows phone 7`); undefined if unknown. */
export function normalizePlatform(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === 'windows phone') return 'windows phone 7';
  return lower in PLATFORMS ? lower : undefined;
}

/** True for platforms that run Duo Mobile (push and passcodes once activated). */
export function isSmartphone(platform: string): boolean {
  const lower = platform.toLowerCase();
  return lower !== 'unknown' && lower !== '' && lower in PLATFORMS;
}
