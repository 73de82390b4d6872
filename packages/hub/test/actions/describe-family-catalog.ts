import { buildOpenApi, endpoints } from '@duohub/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerProblems } from '../../../emulator/test/helpers/answer-problems.js';
import type { RecordedAnswer } from '../../../emulator/test/helpers/record-answers.js';
import type { AnyAction } from '../../src/actions/define-action.js';
import { runAction } from '../../src/actions/run-action.js';
import { isHubError, type HubError } from '../../src/errors/hub-error.js';
import type { ContractCase } from './contract-cases.js';
import { contextFor, startContractFixture, type ContractFixture } from './contract-fixture.js';

type RunOptions = Parameters<typeof contextFor>[1];

/** What a family's own tests get from its catalog suite. */
export interface FamilyCatalogTools {
  /** The suite's emulator fixture (started before the first test). */
  fx(): ContractFixture;
  /** Runs one of the family's actions and gives its output. */
  run(id: string, input: unknown, opts?: RunOptions): Promise<any>;
  /** Runs one of the family's actions, which must fail with a hub error, and gives that error. */
  failure(id: string, input: unknown, opts?: RunOptions): Promise<HubError>;
}

export interface FamilyCatalogOptions {
  /** The family's contract cases: exactly one for each of `actions`. */
  cases: ContractCase[];
  /** The family's actions, imported directly so the suite does not depend on the rest of the catalog. */
  actions: AnyAction[];
  /** Endpoint ids of the family: their recorded answers must validate against the OpenAPI description. */
  family: RegExp;
  /**
   * How the actions' SDK clients reach the emulator. Default in process: the main contract suite
   * (actions-contract.test.ts) already runs every case over a real port.
   */
  transport?: 'in-process' | 'port';
  /** The describe's title; default "catalog actions". */
  title?: string;
  /** The coverage test's own title, and what else the family checks in it (its destructive actions...). */
  coverage?: { title: string; check(): void };
  /** The family's own tests, registered in the same describe after the cases and before the answers check. */
  extra?: (tools: FamilyCatalogTools) => void;
  /** More checks on the recorded answers (the family's, then all), in the last test. */
  answers?: (mine: RecordedAnswer[], all: RecordedAnswer[]) => void;
}

/**
 * A family's catalog actions against one emulator: a case for every action; each case's valid run,
 * invalid input naming the field, Duo's failure passed through and, for destructive actions, a dry
 * run that changes nothing; the family's own tests; last, every answer the emulator gave the
 * family checked against the generated OpenAPI description.
 */
export function describeFamilyCatalog(options: FamilyCatalogOptions): void {
  const { cases, actions, family } = options;
  const byId = new Map(actions.map((a) => [a.id, a]));

  describe(options.title ?? 'catalog actions', () => {
    let fx: ContractFixture;
    beforeAll(async () => {
      fx = await startContractFixture(options.transport ?? 'in-process');
    });
    afterAll(async () => {
      await fx?.close();
    });
    const run = async (id: string, input: unknown, opts: RunOptions = {}) =>
      (await runAction(byId.get(id)!, contextFor(fx, opts), input)).output as any;
    const failure = async (id: string, input: unknown, opts: RunOptions = {}): Promise<HubError> => {
      try {
        await run(id, input, opts);
      } catch (error) {
        if (isHubError(error)) return error;
        throw error;
      }
      throw new Error(`${id} did not fail`);
    };

    it(options.coverage?.title ?? 'has a case for every action of the family', () => {
      expect(cases.map((c) => c.id).sort()).toEqual([...byId.keys()].sort());
      options.coverage?.check();
    });

    describe.each(cases)('$id', (c) => {
      const on = c.on ?? 'parent';
      it('runs with valid input', async () => {
        const valid = await c.valid(fx, (id, input) => run(id, input, { on }));
        valid.check(await run(c.id, valid.input, { on }), fx);
      });
      it('rejects invalid input naming the field', async () => {
        const error = await failure(c.id, c.invalid.input, { on });
        expect({ code: error.code, status: error.status }).toEqual({ code: 'validation_failed', status: 400 });
        expect((error.details as Array<{ field: string }>).map((f) => f.field)).toContain(c.invalid.field);
      });
      it("passes Duo's failure through", async () => {
        const d = c.duo(fx);
        const error = await failure(c.id, d.input, { on, ...(d.keys ? { keys: d.keys } : {}), dryRun: d.dryRun ?? false });
        expect({ code: error.code, status: error.status }).toEqual({ code: d.code, status: d.status });
        if (d.duoCode) expect(error.details).toMatchObject({ duo_code: d.duoCode });
      });
      if (byId.get(c.id)?.destructive) {
        it('dry run changes nothing', async () => {
          const d = c.dryRun!(fx);
          const before = d.snapshot();
          const output = await run(c.id, d.input, { on, dryRun: true });
          expect(output.dry_run).toBe(true);
          expect(output.changes).toMatch(/would/);
          d.check?.(output);
          expect(d.snapshot()).toEqual(before);
        });
      }
    });

    options.extra?.({ fx: () => fx, run, failure });

    // Runs last: every answer the emulator gave the family above fits Duo's generated OpenAPI description.
    it('every answer the emulator gave validates against the OpenAPI description', () => {
      const doc = buildOpenApi(endpoints);
      const mine = fx.answers.filter((a) => family.test(a.endpoint.id));
      expect(mine.length).toBeGreaterThan(cases.length);
      expect(mine.flatMap((a) => answerProblems(doc, a))).toEqual([]);
      options.answers?.(mine, fx.answers);
    });
  });
}
