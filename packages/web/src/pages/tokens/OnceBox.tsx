import { useEffect, useRef } from 'react';
import { CopyButton } from '../../ui/CopyButton.tsx';

/**
 * A new token, shown this once: the value, a copy button and a warning. It lives only in the page's
 * memory (never sessionStorage or localStorage), so leaving the page or pressing Done forgets it.
 */
export function OnceBox({ name, token, onDone }: { name: string; token: string; onDone(): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="once-box" aria-labelledby="once-h">
      <h2 id="once-h" tabIndex={-1} ref={heading}>New token “{name}”: copy it now</h2>
      <p className="warn" id="once-warning">
        This is the only time the token is shown. The hub keeps only a hash of it, and this page forgets it when you
        press Done or leave the page. Store it in a password manager or secret store.
      </p>
      <label htmlFor="once-value">Token value</label>
      <input id="once-value" className="once-value" readOnly value={token} aria-describedby="once-warning" onFocus={(e) => e.currentTarget.select()} />{' '}
      <CopyButton value={token} label="Copy token" />
      <p><button type="button" onClick={onDone}>Done, I stored it</button></p>
    </section>
  );
}
