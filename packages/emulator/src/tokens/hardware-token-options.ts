/**
 * Hardware-token behaviours Duo does not document, as emulator options. Defaults are the most
 * plausible reading of Duo's docs and help pages; each can be switched to the other reading.
 */
export interface HardwareTokenOptions {
  /** How many HOTP counter steps ahead of the expected one `resync` scans for code1. Default 1000 (unverified). */
  resyncWindow?: number;
  /**
   * Resync of a token whose secret the emulator does not hold (Duo-D100s, YubiKeys, seeded tokens):
   * `accept` any three codes of the token's length (default), or `reject` with 400/40002.
   */
  resyncWithoutSecret?: 'accept' | 'reject';
  /**
   * Resync of a TOTP token (t6/t8): Duo's help says imported TOTP tokens cannot be resynced, so
   * `reject` (default, 400/40002); `verify` checks three consecutive steps near the emulator's clock.
   */
  totpResync?: 'reject' | 'verify';
  /** Code for a create that repeats an existing type and serial: 40003 (default, unverified) or 40002. */
  duplicateSerialCode?: 40002 | 40003;
}

/** Options after defaults. */
export type ResolvedHardwareTokenOptions = Required<HardwareTokenOptions>;

/** Applies the documented defaults. */
export function resolveHardwareTokenOptions(options: HardwareTokenOptions = {}): ResolvedHardwareTokenOptions {
  return {
    resyncWindow: options.resyncWindow ?? 1000,
    resyncWithoutSecret: options.resyncWithoutSecret ?? 'accept',
    totpResync: options.totpResync ?? 'reject',
    duplicateSerialCode: options.duplicateSerialCode ?? 40003,
  };
}
