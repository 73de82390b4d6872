import { KnownValuesIndex } from './known-values-index.js';

const REDACTED = '[REDACTED]';

// Shapes that are secrets whoever produced them: credentials in headers and our own API tokens.
const PATTERNS: RegExp[] = [/\b(Bearer|Basic)\s+[A-Za-z0-9+/=._~-]{8,}/g, /\bdh_[A-Za-z0-9_-]{16,}/g];

/**
 * The last line of defence for log output: replaces every known secret value (learned as secrets
 * are sealed, opened or issued) and anything shaped like a credential with `[REDACTED]`.
 */
export class SecretScrubber {
  /** Known values in the order they were learned (the oldest is forgotten first), and indexed for `scrub`. */
  readonly #values = new Set<string>();
  readonly #index = new KnownValuesIndex();
  readonly #limit: number;

  constructor(limit = 10_000) {
    this.#limit = limit;
  }

  /** Remembers a secret; very short values are ignored because replacing them would shred ordinary text. */
  add(value: string | undefined | null): void {
    if (!value || value.length < 8) return;
    if (this.#values.size >= this.#limit) {
      // Forget the oldest: long-lived processes see many rotations, and recent values matter most.
      const oldest = this.#values.values().next().value;
      if (oldest !== undefined) {
        this.#values.delete(oldest);
        this.#index.delete(oldest);
      }
    }
    this.#remember(value);
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) this.#remember(escaped);
  }

  #remember(value: string): void {
    this.#values.add(value);
    this.#index.add(value);
  }

  /** `text` with every known secret and credential-shaped run replaced. */
  scrub(text: string): string {
    let out = this.#index.replaceIn(text, REDACTED);
    for (const pattern of PATTERNS) out = out.replace(pattern, REDACTED);
    return out;
  }
}
