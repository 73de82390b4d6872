import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal confirmation on the native <dialog>: focus is kept inside, Escape cancels, and Cancel has the
 * initial focus so a stray Enter does not run a destructive action. A new `step` (a second question in
 * the same dialog) puts focus back on Cancel.
 */
export function ConfirmDialog(props: { open: boolean; step?: number; title: string; confirmLabel: string; onConfirm(): void; onCancel(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) {
      d.showModal();
      cancelRef.current?.focus();
    } else if (props.open) cancelRef.current?.focus();
    else if (d.open) d.close();
  }, [props.open, props.step]);
  return (
    <dialog ref={ref} className={props.step === 2 ? 'act-confirm act-confirm-second' : 'act-confirm'} aria-labelledby="confirm-h" onClose={() => props.open && props.onCancel()}>
      <h2 id="confirm-h">{props.title}</h2>
      {props.children}
      <div className="act-confirm-buttons">
        <button type="button" ref={cancelRef} onClick={props.onCancel}>Cancel</button>
        <button type="button" className="act-danger" onClick={props.onConfirm}>{props.confirmLabel}</button>
      </div>
    </dialog>
  );
}
