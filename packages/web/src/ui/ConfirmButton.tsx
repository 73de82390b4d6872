import { useEffect, useRef, useState } from 'react';

/**
 * A destructive button that asks first, inline (a native confirm() dialog cannot be styled, and
 * steals focus to somewhere screen readers announce poorly): the question with Yes and Cancel,
 * focus on Yes, Escape or Cancel returning focus to the button.
 */
export function ConfirmButton(props: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm(): Promise<void> | void;
  disabled?: boolean;
  /** The button's accessible name when its label alone is ambiguous (`Delete Spare` for a row's Delete). */
  ariaLabel?: string;
  /** Called when the question opens (e.g. to clear an earlier notice). */
  onAsk?(): void;
}) {
  const [state, setState] = useState<'idle' | 'asking' | 'busy'>('idle');
  const trigger = useRef<HTMLButtonElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (state === 'asking') yes.current?.focus();
    else if (state === 'idle' && wasAsking.current) trigger.current?.focus();
    wasAsking.current = state !== 'idle';
  }, [state]);

  async function confirm() {
    setState('busy');
    try {
      await props.onConfirm();
    } finally {
      setState('idle');
    }
  }

  if (state === 'idle') {
    return (
      <button type="button" ref={trigger} className="danger" disabled={props.disabled} aria-label={props.ariaLabel} onClick={() => { props.onAsk?.(); setState('asking'); }}>
        {props.label}
      </button>
    );
  }
  return (
    <span
      role="group"
      aria-label={props.question}
      className="confirm-inline"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Escape backs out of the question only, not out of a dialog the button sits in.
        e.preventDefault();
        e.stopPropagation();
        setState('idle');
      }}
    >
      <span>{props.question}</span>{' '}
      <button type="button" ref={yes} className="danger" disabled={state === 'busy'} onClick={() => void confirm()}>
        {state === 'busy' ? 'Working…' : props.confirmLabel}
      </button>
      <button type="button" disabled={state === 'busy'} onClick={() => setState('idle')}>Cancel</button>
    </span>
  );
}
