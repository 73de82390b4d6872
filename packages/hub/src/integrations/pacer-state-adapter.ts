import { Pacer, type PacingOptions } from '@duohub/sdk';

// The SDK's learning Pacer offers `exportState()` and takes a saved state back. Until every SDK the
// hub may be built against has them, they are reached through these two functions only, so the rest
// of the hub depends on the shape below and not on how the SDK spells it.
interface StatefulPacer {
  exportState?: () => unknown;
  importState?: (state: unknown) => void;
}

/** The pacer's learned state as plain JSON data, or undefined when this SDK's Pacer cannot export it. */
export function exportPacerState(pacer: Pacer): unknown {
  const stateful = pacer as unknown as StatefulPacer;
  return typeof stateful.exportState === 'function' ? stateful.exportState() : undefined;
}

/**
 * A Pacer with `options`, seeded with a state exported earlier: through `importState` when the SDK's
 * Pacer has it, else through the `initialState` option of its constructor.
 */
export function createSeededPacer(options: PacingOptions | undefined, state: unknown): Pacer {
  if (state === undefined) return new Pacer(options);
  try {
    if (typeof (Pacer.prototype as unknown as StatefulPacer).importState === 'function') {
      const pacer = new Pacer(options);
      (pacer as unknown as StatefulPacer).importState!(state);
      return pacer;
    }
    return new Pacer({ ...options, initialState: state } as PacingOptions);
  } catch {
    // A state this SDK no longer accepts (another version wrote it) only costs relearning.
    return new Pacer(options);
  }
}
