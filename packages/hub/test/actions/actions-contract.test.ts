import { buildOpenApi, endpoints } from '@duohub/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerProblems } from '../../../emulator/test/helpers/answer-problems.js';
import { catalog, findAction } from '../../src/actions/catalog.js';
import { runAction } from '../../src/actions/run-action.js';
import { isHubError } from '../../src/errors/hub-error.js';
import { contractCases } from './contract-cases.js';
import { contextFor, startContractFixture, type ContractFixture } from './contract-fixture.js';

let fx: ContractFixture;
beforeAll(async () => {
  fx = await startContractFixture();
});
afterAll(async () => {
  await fx?.close();
});

const run = async (id: string, input: unknown, opts: Parameters<typeof contextFor>[1] = {}) =>
  (await runAction(findAction(id)!, contextFor(fx, opts), input)).output as any;

async function failure(id: string, input: unknown, opts: Parameters<typeof contextFor>[1] = {}) {
  try {
    await run(id, input, opts);
  } catch (error) {
    if (isHubError(error)) return error;
    throw error;
  }
  throw new Error(`${id} did not fail`);
}

it('has a contract case for every catalog action', () => {
  expect(contractCases.map((c) => c.id).sort()).toEqual(catalog.map((a) => a.id).sort());
});

describe.each(contractCases)('$id', (c) => {
  const on = c.on ?? 'parent';

  it('runs with valid input', async () => {
    const valid = await c.valid(fx, (id, input) => run(id, input, { on }));
    const output = await run(c.id, valid.input, { on });
    valid.check(output, fx);
  });

  it('rejects invalid input with 400 naming the field', async () => {
    const error = await failure(c.id, c.invalid.input, { on });
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    const fields = (error.details as Array<{ field: string }>).map((f) => f.field);
    expect(fields).toContain(c.invalid.field);
  });

  it("passes Duo's failure through", async () => {
    const d = c.duo(fx);
    const error = await failure(c.id, d.input, { on, ...(d.keys ? { keys: d.keys } : {}), dryRun: d.dryRun ?? false });
    expect({ code: error.code, status: error.status }).toEqual({ code: d.code, status: d.status });
    if (d.duoCode) expect(error.details).toMatchObject({ duo_code: d.duoCode });
    expect(error.message).not.toMatch(/[A-Za-z0-9]{40}/);
  });

  if (findAction(c.id)?.destructive) {
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

// Runs last: every answer the emulator gave the suite above fits Duo's generated OpenAPI description.
it('every emulator answer in the contract suite validates against the OpenAPI description', () => {
  const doc = buildOpenApi(endpoints);
  expect(fx.answers.length).toBeGreaterThan(contractCases.length);
  expect(fx.answers.flatMap((answer) => answerProblems(doc, answer))).toEqual([]);
});
