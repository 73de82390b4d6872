/**
 * The shapes of the hub's seats and billing report as the page reads them: the hub's own types
 * (type-only imports; nothing of the hub reaches the bundle).
 */
export type { AccountSeats, SeatsCounts, SeatsReport, SeatsTotals } from '../../../../hub/src/reports/seats/seats-types.ts';

/** The parts of an integration the page needs. */
export interface SeatsIntegration {
  id: string;
  name: string;
}
