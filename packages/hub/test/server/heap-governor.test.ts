import { afterEach, describe, expect, it, vi } from 'vitest';
import { HubConfigError } from '../../src/config/load-config.js';
import { getHeapSpaceStatistics } from 'node:v8';
import { heapFloorFromEnv, nextHeapTrigger, oldGenerationBytes, startHeapGovernor } from '../../src/server/heap-governor.js';

const MB = 1024 * 1024;

describe('nextHeapTrigger', () => {
  it.each([
    ['little left live: back to the floor', 64 * MB, 20 * MB, 64 * MB],
    ['live data past four fifths of the floor: a quarter more', 64 * MB, 60 * MB, 75 * MB],
    ['a hub that holds much: far above the floor, so it does not collect over and over', 64 * MB, 200 * MB, 250 * MB],
  ])('%s', (_name, floor, live, trigger) => {
    expect(nextHeapTrigger(floor, live)).toBe(trigger);
  });
});

describe('oldGenerationBytes', () => {
  const space = (space_name: string, mb: number) => ({ space_name, space_used_size: mb * MB });
  it.each([
    ['every space but the young generation', [space('new_space', 15), space('old_space', 40), space('code_space', 3), space('map_space', 1)], 44 * MB],
    ['large objects count, young large objects do not', [space('lo_space', 5), space('new_large_object_space', 7), space('code_large_object_space', 1)], 6 * MB],
    ['a young generation alone is nothing to collect for', [space('new_space', 16)], 0],
    ['spaces this V8 names but this code does not know are counted', [space('shared_space', 2), space('trusted_space', 1)], 3 * MB],
  ])('%s', (_name, spaces, bytes) => {
    expect(oldGenerationBytes(spaces)).toBe(bytes);
  });

  it("reads this process's V8 spaces: less than the whole used heap by what the young generation holds", () => {
    const spaces = getHeapSpaceStatistics();
    const young = spaces.filter((s) => s.space_name === 'new_space').reduce((n, s) => n + s.space_used_size, 0);
    const total = spaces.reduce((n, s) => n + s.space_used_size, 0);
    expect(spaces.some((s) => s.space_name === 'new_space')).toBe(true);
    expect(oldGenerationBytes(spaces)).toBeLessThanOrEqual(total - young);
    expect(oldGenerationBytes(spaces)).toBeGreaterThan(0);
  });
});

describe('heapFloorFromEnv', () => {
  it('defaults to 64 MB, takes a number of MB, and `off`', () => {
    expect(heapFloorFromEnv({})).toBe(64 * MB);
    expect(heapFloorFromEnv({ DUOHUB_HEAP_TARGET_MB: '128' })).toBe(128 * MB);
    expect(heapFloorFromEnv({ DUOHUB_HEAP_TARGET_MB: 'OFF' })).toBeUndefined();
  });

  it.each(['8', '64.5', 'lots', '-1'])('refuses %j, naming the variable', (value) => {
    const error = (() => {
      try {
        heapFloorFromEnv({ DUOHUB_HEAP_TARGET_MB: value });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(HubConfigError);
    expect(String((error as Error).message)).toContain('DUOHUB_HEAP_TARGET_MB');
  });
});

describe('startHeapGovernor', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects when the heap passes the trigger, then waits for a quarter more than stayed live', () => {
    vi.useFakeTimers();
    let used = 10 * MB;
    const collect = vi.fn(() => {
      // A collection frees the garbage and leaves 80 MB live.
      used = 80 * MB;
    });
    const governor = startHeapGovernor({ floorBytes: 64 * MB, intervalMs: 25, heapUsed: () => used, collect });
    vi.advanceTimersByTime(100);
    expect(collect).not.toHaveBeenCalled();
    used = 70 * MB;
    vi.advanceTimersByTime(25);
    expect(collect).toHaveBeenCalledTimes(1);
    expect(governor.triggerBytes).toBe(100 * MB);
    // Growing from 80 to 95 MB is under the new trigger: no collection storm for a hub that holds much.
    used = 95 * MB;
    vi.advanceTimersByTime(250);
    expect(collect).toHaveBeenCalledTimes(1);
    used = 101 * MB;
    vi.advanceTimersByTime(25);
    expect(governor.collections).toBe(2);
    governor.stop();
    used = 500 * MB;
    vi.advanceTimersByTime(1000);
    expect(governor.collections).toBe(2);
  });

  it('runs a real full collection by default, which frees unreachable memory', () => {
    vi.useFakeTimers();
    const governor = startHeapGovernor({ floorBytes: 1 });
    let garbage: unknown[] | undefined = Array.from({ length: 200_000 }, (_, i) => ({ i, text: `item ${i}` }));
    expect(garbage.length).toBe(200_000);
    garbage = undefined;
    const before = process.memoryUsage().heapUsed;
    vi.advanceTimersByTime(25);
    expect(governor.collections).toBe(1);
    expect(process.memoryUsage().heapUsed).toBeLessThan(before);
    governor.stop();
  });
});
