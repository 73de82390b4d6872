import type { FleetSpec } from '../route.js';
import type { EmulatorState } from '../state/types.js';

/**
 * A generated fleet: N child accounts x M users with a realistic mix of factors and statuses.
 * PLACEHOLDER until the seed work lands (same signature).
 */
export function fleetState(_spec: FleetSpec, _now: number): EmulatorState {
  throw new Error('fleet seed not built yet');
}
