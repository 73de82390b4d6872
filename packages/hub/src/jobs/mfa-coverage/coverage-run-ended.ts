import { EventEmitter } from 'node:events';

// Runs ended in this process, by id: held progress reads wake at once instead of at their next look.
// Per process, as the reads it wakes are; a run another replica ends is still seen by their looks.
const ended = new EventEmitter();
ended.setMaxListeners(0);

/** Says that `runId` has just ended here (its final status committed). */
export function announceCoverageRunEnded(runId: string): void {
  ended.emit(runId);
}

/** Resolves when `runId` is announced as ended or after `ms`, whichever is first. */
export function coverageRunEndedOrAfter(runId: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      ended.off(runId, done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    ended.once(runId, done);
  });
}
