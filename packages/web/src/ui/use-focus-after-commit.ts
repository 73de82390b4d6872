import { useCallback, useEffect, useState } from 'react';

/**
 * Returns `focusLater(target)`: focuses `target` (an element id, or a function finding the element) once
 * React has committed the render that the same event's state changes cause. A requestAnimationFrame can run
 * before that commit, when the element does not exist yet, is not yet marked invalid, or sits behind a
 * modal dialog that is still open (the rest of the page is inert), and focus is then lost.
 */
export function useFocusAfterCommit(): (target: string | (() => HTMLElement | null | undefined)) => void {
  const [pending, setPending] = useState<{ find: () => HTMLElement | null | undefined } | null>(null);
  useEffect(() => {
    if (!pending) return;
    pending.find()?.focus();
    setPending(null);
  }, [pending]);
  return useCallback((target) => setPending({ find: typeof target === 'string' ? () => document.getElementById(target) : target }), []);
}
