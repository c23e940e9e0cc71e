// `npm run eval -- ai`: the evaluation set against the configured model endpoint (OPENAI_BASE_URL /
// OPENAI_API_KEY / AI_MODEL), or against the scripted stand-in when none is configured. Prints the
// score table and each failed case's problems. Uses TEST_DATABASE_URL's server, else an embedded
// PostgreSQL of its own.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { startEmbeddedPostgres } from '@autolytiq/tools/embedded-postgres.ts';
import { startScriptedOpenAI } from '@autolytiq/tools/scripted-openai.ts';
import { prepareWorld, runEval, scoreTable, type Endpoint } from './run.ts';
import { standInModel } from './stand-in-model.ts';

export async function main(): Promise<number> {
  const dataDir = path.resolve(import.meta.dirname, '../../../.data/eval-pg');
  const server = process.env.TEST_DATABASE_URL
    ? null
    : await (async () => {
        await rm(dataDir, { recursive: true, force: true });
        return startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
      })();
  const real = process.env.OPENAI_BASE_URL || process.env.OPENAI_API_KEY;
  const scripted = real ? null : await startScriptedOpenAI(standInModel());
  const endpoint: Endpoint = scripted
    ? {
        baseUrl: scripted.baseUrl,
        apiKey: 'scripted',
        model: 'scripted-stand-in',
        rawBodies: scripted.rawBodies,
      }
    : {
        baseUrl: process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
        apiKey: process.env.OPENAI_API_KEY ?? 'not-needed',
        model: process.env.AI_MODEL ?? 'gpt-4o-mini',
      };
  const world = await prepareWorld(server?.url ?? process.env.TEST_DATABASE_URL);
  try {
    console.log(
      `Assistant evaluation: ${endpoint.model} at ${scripted ? 'the scripted stand-in (no model configured)' : endpoint.baseUrl}\n`,
    );
    const results = await runEval(world, endpoint);
    console.log(scoreTable(results));
    for (const r of results.filter((x) => !x.passed))
      console.log(`\n✗ ${r.id}: ${r.problems.join('; ')}`);
    return results.every((r) => r.passed) ? 0 : 1;
  } finally {
    await world.close();
    await scripted?.close();
    await server?.stop();
  }
}
