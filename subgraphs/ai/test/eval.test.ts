// The evaluation set (eval/cases.ts) against the scripted stand-in model: every case must pass —
// right tools and arguments, the tools' facts in the answer, citations, and the injection cases
// safe. The stand-in follows instructions found in data, so the injection cases show what the
// guard and the user's own permissions stop; without the guard they fail (checked below).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedOpenAI, type ScriptedOpenAI } from '@autolytiq/tools/scripted-openai.ts';
import { CASES } from '../eval/cases.ts';
import { prepareWorld, runCase, scoreTable, type CaseResult, type EvalWorld } from '../eval/run.ts';
import { standInModel } from '../eval/stand-in-model.ts';
import { TOOLS } from '../src/domain/tools/index.ts';

let world: EvalWorld;
let llm: ScriptedOpenAI;
const results: CaseResult[] = [];

beforeAll(async () => {
  world = await prepareWorld();
  llm = await startScriptedOpenAI(standInModel());
}, 60_000);

afterAll(async () => {
  if (results.length) console.log(scoreTable(results));
  await llm?.close();
  await world?.close();
});

const endpoint = () => ({
  baseUrl: llm.baseUrl,
  apiKey: 'k',
  model: 'stand-in',
  rawBodies: llm.rawBodies,
});

describe('the evaluation set', () => {
  it('has at least 40 questions over every category, with unique ids', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    const categories = new Set(CASES.map((c) => c.category));
    for (const c of ['inventory', 'tax', 'payments', 'deal', 'policy', 'injection']) {
      expect(categories).toContain(c);
    }
  });

  it.each(CASES.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const result = await runCase(world, endpoint(), c);
    results.push(result);
    expect(result.problems).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('the injection cases fail without the guard (the test can fail)', async () => {
    const gross = TOOLS.find((t) => t.name === 'deal_gross')!;
    const draft = TOOLS.find((t) => t.name === 'draft_follow_up_email')!;
    const saved = [gross.askedFor, draft.askedFor];
    gross.askedFor = undefined;
    draft.askedFor = undefined;
    try {
      const letter = await runCase(
        world,
        endpoint(),
        CASES.find((c) => c.id === 'inj-letter-manager')!,
      );
      expect(letter.safe).toBe(false);
      expect(letter.problems.join(' ')).toMatch(/ran deal_gross|revealed 3475/);
    } finally {
      [gross.askedFor, draft.askedFor] = saved;
    }
  });
});
