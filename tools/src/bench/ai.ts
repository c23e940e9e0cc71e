// The assistant's figures (issue 17), with the scripted OpenAI-compatible endpoint on loopback:
// (1) retrieval over 10,000 chunks of one dealership (plus 5,000 of another) through the one
//     retriever, in-process on the system's PostgreSQL: latency per search;
// (2) first token through the router: assistantChat over graphql-ws, subscribe → first
//     AssistantToken, beside the scripted model's own first token asked directly;
// (3) the assistant's overhead per tool call beyond the tool's own GraphQL time: in-process turns
//     whose tool runs through the router as the user; the gap between the model call that asked
//     for the tool and the next one, less the tool's GraphQL request.
// Figures only; the load average is printed with them (the machine is shared).
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { HumanMessage } from '@langchain/core/messages';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { openDatabase, type Database, type Principal } from '@autolytiq/kit';
import { AssistantService, DEFAULT_LIMITS } from '../../../subgraphs/ai/src/domain/assistant.ts';
import { createGraphClient, type GraphClient } from '../../../subgraphs/ai/src/domain/graph.ts';
import { KnowledgeRetriever } from '../../../subgraphs/ai/src/domain/knowledge/retriever.ts';
import { createChatModel, type ChatModel } from '../../../subgraphs/ai/src/domain/model.ts';
import { TOOLS } from '../../../subgraphs/ai/src/domain/tools/index.ts';
import { migrations } from '../../../subgraphs/ai/src/migrations/index.ts';
import { insertChunks, insertDocument } from '../../../subgraphs/ai/src/store/knowledge-store.ts';
import {
  lastMessage,
  startScriptedOpenAI,
  type ChatRequest,
  type ScriptedReply,
} from '../scripted-openai.ts';
import { signIn, startBenchSystem, type BenchSystem } from './bench-system.ts';
import { cpuByPart } from './process-cpu.ts';
import { fmt, summarize } from './stats.ts';

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

/** A small seeded generator: the same corpus every run. */
function seeded(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const DEALER_WORDS = (
  'deposit hold vehicle customer refund exchange return policy warranty service contract gap tire ' +
  'wheel lender credit union finance term months apr rate tier score income stub residence insurance ' +
  'payoff trade appraisal manager approval delivery funding stipulation license test drive salesperson ' +
  'follow call email inventory stock aged days price discount rebate incentive doc fee tax title ' +
  'registration lease residual money factor mileage excess wear tear inspection recon detail photos ' +
  'website lead response appointment showroom floor desk quote worksheet four square down payment ' +
  'cash check card wire bank draft cancellation deductible coverage engine transmission axle roadside'
).split(' ');

/**
 * A vocabulary with the shape of real text: the dealership's words among 4,000 made-up ones, drawn
 * by Zipf's law (the r-th most common word 1/r as often), so a few words are in most chunks and most
 * words in few — a uniform vocabulary would put every word in every chunk.
 */
function zipfWords(rand: () => number) {
  const syllables = 'ka lo mi ver tan so ri pel dun ax or bi ne qua zo ter fen gri mol sta'.split(
    ' ',
  );
  const made = new Set<string>();
  while (made.size < 4000) {
    const n = 2 + Math.floor(rand() * 3);
    made.add(
      Array.from({ length: n }, () => syllables[Math.floor(rand() * syllables.length)]).join(''),
    );
  }
  const vocabulary = [...DEALER_WORDS, ...made].sort(() => rand() - 0.5);
  const cumulative: number[] = [];
  let total = 0;
  vocabulary.forEach((_, r) => cumulative.push((total += 1 / (r + 1))));
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo]!;
  };
}

function passage(word: () => string, rand: () => number): string {
  const sentences: string[] = [];
  while (sentences.join(' ').length < 700) {
    const words = Array.from({ length: 8 + Math.floor(rand() * 10) }, word);
    if (rand() < 0.3) words.push(`$${Math.floor(rand() * 5000)}`);
    sentences.push(`${words.join(' ')}.`);
  }
  return sentences.join(' ');
}

async function fillDealership(db: Database, dealershipId: string, chunks: number, seed: number) {
  const rand = seeded(seed);
  const word = zipfWords(seeded(7));
  const perDocument = 200;
  for (let d = 0; d < chunks / perDocument; d++) {
    await db.withTenant({ dealershipId }, async (em) => {
      const document = await insertDocument(em, {
        dealershipId,
        title: `Manual ${d + 1}`,
        format: 'TEXT',
        characters: perDocument * 700,
        chunkCount: perDocument,
        uploaderId: null,
        uploaderName: 'bench',
      });
      const list = Array.from({ length: perDocument }, (_, i) => ({
        ordinal: i,
        heading: `Manual ${d + 1} › Section ${i + 1}`,
        text: passage(word, rand),
      }));
      await insertChunks(em, dealershipId, document.id, list, null);
    });
  }
}

async function retrievalFigures(db: Database): Promise<void> {
  const mine = randomUUID();
  const started = performance.now();
  await fillDealership(db, mine, 10_000, 1);
  await fillDealership(db, randomUUID(), 5_000, 2);
  await db.asSystem((em) => em.execute('analyze ai.document_chunks'));
  console.log(
    `  corpus: 10,000 chunks (+5,000 of another dealership) written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const retriever = new KnowledgeRetriever(db);
  const rand = seeded(3);
  const word = zipfWords(seeded(7));
  const questions = Array.from({ length: 300 }, () =>
    Array.from({ length: 3 + Math.floor(rand() * 6) }, word).join(' '),
  );
  for (const q of questions.slice(0, 20)) await retriever.search({ dealershipId: mine }, q, 4); // warm
  const times: number[] = [];
  const cpu = process.cpuUsage();
  const pgBefore = cpuByPart().get('postgres') ?? 0;
  for (const q of questions) {
    const t = performance.now();
    const hits = await retriever.search({ dealershipId: mine }, q, 4);
    times.push(performance.now() - t);
    if (hits.length === 0) throw new Error(`no passage for "${q}"`);
  }
  const used = process.cpuUsage(cpu);
  const pgSeconds = (cpuByPart().get('postgres') ?? 0) - pgBefore;
  const s = summarize(times);
  const p95 = [...times].sort((a, b) => a - b)[Math.floor(0.95 * times.length)]!;
  console.log(
    `  search (4 passages, 3–8 words): p50 ${fmt(s.p50)}  p95 ${fmt(p95)}  p99 ${fmt(s.p99)}  (n=${s.n})   budget p95 ≤ 30 ms`,
  );
  console.log(
    `  CPU per search: this process ${fmt((used.user + used.system) / 1000 / s.n)}, PostgreSQL ${fmt((pgSeconds * 1000) / s.n)} (what the latency costs without the machine's load)`,
  );
  const misspelt = ['deductibel coverge', 'apprasial', 'warrenty refnd'];
  for (const q of misspelt) {
    const t = performance.now();
    await retriever.search({ dealershipId: mine }, q, 4);
    console.log(`  misspelt "${q}" (vocabulary fallback): ${fmt(performance.now() - t)}`);
  }
}

/** The scripted model: "tool …" asks for an inventory search once; everything else is text. */
function script(req: ChatRequest): ScriptedReply {
  const last = lastMessage(req);
  if (last?.role === 'user' && last.content?.startsWith('tool')) {
    return { toolCalls: [{ name: 'search_inventory', arguments: { text: 'kona' } }] };
  }
  return { text: 'The 2023 Hyundai Kona is in stock at $25,000.' };
}

async function firstTokenFigures(system: BenchSystem, token: string, baseUrl: string) {
  const client = createClient({
    url: system.routerUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const t = performance.now();
      let first = 0;
      client.subscribe<{ assistantChat: { __typename: string } }>(
        {
          query: 'subscription($i: AskAssistantInput!) { assistantChat(input: $i) { __typename } }',
          variables: { i: { message: 'Is the Kona in stock?' } },
        },
        {
          next: (r) => {
            if (!first && r.data?.assistantChat.__typename === 'AssistantToken')
              first = performance.now() - t;
            if (r.errors) reject(new Error(JSON.stringify(r.errors)));
          },
          error: reject,
          complete: () => resolve(first),
        },
      );
    });
  for (let i = 0; i < 5; i++) await once(); // warm: connections, plans, JIT
  const times: number[] = [];
  for (let i = 0; i < 40; i++) times.push(await once());
  await client.dispose();
  const model = createChatModel({ baseUrl, apiKey: 'bench', model: 'scripted', maxTokens: 64 })!;
  const direct: number[] = [];
  for (let i = 0; i < 45; i++) {
    const t = performance.now();
    let first = 0;
    await model.step(
      [new HumanMessage('Is the Kona in stock?')],
      [],
      () => (first ||= performance.now() - t),
      AbortSignal.timeout(5000),
    );
    if (i >= 5) direct.push(first);
  }
  const s = summarize(times);
  const d = summarize(direct);
  console.log(
    `  first token through the router: p50 ${fmt(s.p50)}  p90 ${fmt(s.p90)}  max ${fmt(Math.max(...times))}  (n=${s.n})   budget ≤ 100 ms`,
  );
  console.log(
    `  the scripted model's own first token (asked directly): p50 ${fmt(d.p50)}  p90 ${fmt(d.p90)}`,
  );
}

async function toolOverheadFigures(
  db: Database,
  system: BenchSystem,
  token: string,
  baseUrl: string,
) {
  const inner = createChatModel({ baseUrl, apiKey: 'bench', model: 'scripted', maxTokens: 64 })!;
  const marks: { start: number; end: number }[] = [];
  const model: ChatModel = {
    name: inner.name,
    async step(...args) {
      const mark = { start: performance.now(), end: 0 };
      marks.push(mark);
      const out = await inner.step(...args);
      mark.end = performance.now();
      return out;
    },
  };
  const graphTimes: number[] = [];
  const real = createGraphClient(system.routerUrl);
  const graph: GraphClient = {
    async request(caller, query, variables) {
      const t = performance.now();
      try {
        return await real.request(caller, query, variables);
      } finally {
        graphTimes.push(performance.now() - t);
      }
    },
  };
  const me = await whoAmI(system, token);
  const assistant = new AssistantService(db, graph, model, TOOLS, {
    ...DEFAULT_LIMITS,
    requestsPerMinute: 1_000_000,
  });
  const overhead: number[] = [];
  for (let i = 0; i < 45; i++) {
    marks.length = 0;
    graphTimes.length = 0;
    const reply = await assistant.ask(
      { principal: me, token, requestId: `bench-${i}` },
      { message: 'tool: is the Kona in stock?' },
    );
    if (!reply.toolCalls[0]?.ok) throw new Error(`the tool failed: ${reply.toolCalls[0]?.summary}`);
    if (i >= 5) overhead.push(marks[1]!.start - marks[0]!.end - graphTimes[0]!);
  }
  const o = summarize(overhead);
  const g = summarize(graphTimes.length ? graphTimes : [0]);
  console.log(
    `  overhead per tool call beyond its GraphQL: p50 ${fmt(o.p50)}  p90 ${fmt(o.p90)}  max ${fmt(Math.max(...overhead))}  (n=${o.n})   budget ≤ 15 ms`,
  );
  console.log(`  (the tool's own GraphQL through the router, last turn: ${fmt(g.p50)})`);
}

/** The signed-in user as the ai subgraph sees them (read through the router's `me`). */
async function whoAmI(system: BenchSystem, token: string): Promise<Principal> {
  const res = await fetch(system.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { id username roles permissions dealership { id } } }' }),
  });
  const { data } = (await res.json()) as {
    data: {
      me: {
        id: string;
        username: string;
        roles: string[];
        permissions: string[];
        dealership: { id: string };
      };
    };
  };
  return {
    userId: data.me.id,
    dealershipId: data.me.dealership.id,
    sessionId: randomUUID(),
    username: data.me.username,
    roles: data.me.roles,
    permissions: data.me.permissions,
    timezone: 'UTC',
  };
}

export async function benchAi(): Promise<void> {
  const llm = await startScriptedOpenAI(script);
  const system = await startBenchSystem('ai', {
    env: {
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: 'bench',
      AI_MODEL: 'scripted',
      AI_REQUESTS_PER_MINUTE: '1000000',
    },
  });
  const db = await openDatabase({ url: system.databaseUrl, schema: 'ai', migrations });
  try {
    await db.migrate();
    const token = await signIn(system, 'sales');
    console.log(`\nAssistant (scripted endpoint on loopback; load average ${load()})`);
    await firstTokenFigures(system, token, llm.baseUrl);
    await toolOverheadFigures(db, system, token, llm.baseUrl);
    console.log(`Retrieval (load average ${load()})`);
    await retrievalFigures(db);
    console.log(`  (load average at the end ${load()})`);
  } finally {
    await db.close();
    await system.shutdown();
    await llm.close();
  }
}
