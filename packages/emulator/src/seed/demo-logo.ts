/** A 32x32 PNG (a green disc) the demo parent serves from `/auth/v2/logo`. */
export const DEMO_LOGO_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAW0lEQVR42u3WwQ0AIAhD0W7mRE7ngDqAQEzAJpoaz//dAMzLDwLeAPpo3s8CQfqQQb4eGyipBwaq6p6Bwrpp0IFkfTcECBDw46hgTFPGPmBsNMZOZlwVuuwIwAJ/CjHSPXhYRwAAAABJRU5ErkJggg==';
