import { useState } from 'react';

/**
 * Copies `value` to the clipboard and says so. Falls back to selecting a hidden field when the Clipboard API
 * is unavailable (plain http on a LAN address is not a secure context).
 */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(value);
      else {
        const area = document.createElement('textarea');
        area.value = value;
        area.setAttribute('readonly', '');
        area.style.position = 'absolute';
        area.style.left = '-9999px';
        document.body.append(area);
        area.select();
        const ok = document.execCommand('copy');
        area.remove();
        if (!ok) throw new Error('copy refused');
      }
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <>
      <button type="button" onClick={() => void copy()}>{label}</button>
      <span role="status" className={state === 'failed' ? 'error' : 'ok'}>
        {state === 'copied' ? 'Copied.' : state === 'failed' ? 'Copy failed; select the text instead.' : ''}
      </span>
    </>
  );
}
