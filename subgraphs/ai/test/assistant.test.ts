// The assistant turn against the real database (conversations under RLS) and the real ChatOpenAI
// client talking to a scripted OpenAI-compatible server on loopback (SSE, streamed tool calls).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import {
  lastMessage,
  startScriptedOpenAI,
  type ChatRequest,
  type ScriptedOpenAI,
  type ScriptedReply,
} from '@autolytiq/tools/scripted-openai.ts';
import { migrations } from '../src/migrations/index.ts';
import type { AssistantEventRecord } from '../src/domain/records.ts';
import { ConversationService } from '../src/domain/conversation-service.ts';
import { assistantWith, forbidden, principal, recordingGraph } from './helpers.ts';

let database: TestDatabase;
let db: Database;
let llm: ScriptedOpenAI;
let script: (req: ChatRequest) => ScriptedReply = () => ({ text: 'ok' });

const VEHICLE = {
  id: '5b8f0a52-6f1c-4a8e-9a55-3f0f7c1b2d11',
  stockNumber: 'A1001',
  vin: '1G4AH59H45G118341',
  year: 2021,
  make: 'Honda',
  model: 'Civic',
  trim: 'EX',
  body: 'Sedan',
  mileage: 31000,
  condition: 'USED',
  status: 'AVAILABLE',
  listPrice: '21995.00',
  msrp: null,
  daysInStock: 12,
  exteriorColor: 'Blue',
};

const toolResultOf = (req: ChatRequest) => {
  const last = lastMessage(req);
  return last?.role === 'tool' ? (JSON.parse(last.content ?? '{}') as Record<string, any>) : null;
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url, schema: 'ai', migrations });
  await db.migrate();
  llm = await startScriptedOpenAI((req) => script(req));
}, 60_000);

afterAll(async () => {
  await llm?.close();
  await db?.close();
  await database?.drop();
});

describe('the tool loop', () => {
  it('calls a tool as the caller, streams the answer built from its facts, and stores both messages', async () => {
    const graph = recordingGraph({
      AssistantVehicles: () => ({ vehicles: { edges: [{ node: VEHICLE }] } }),
    });
    script = (req) => {
      const result = toolResultOf(req);
      if (!result)
        return { toolCalls: [{ name: 'search_inventory', arguments: { text: 'civic' } }] };
      const v = result.result.vehicles[0];
      return {
        text: `The ${v.year} ${v.make} ${v.model} (stock ${v.stockNumber}) is $${v.listPrice}.`,
      };
    };
    const me = principal();
    const assistant = assistantWith(db, graph, llm.baseUrl);
    const events: AssistantEventRecord[] = [];
    const before = llm.requests.length;
    const reply = await assistant.ask(
      { principal: me, token: 'caller-token', requestId: 'r1' },
      { message: 'Do we have a Civic?' },
      (e) => events.push(e),
    );
    expect(reply.answer).toBe('The 2021 Honda Civic (stock A1001) is $21995.00.');
    expect(reply.modelUsed).toBe(true);
    expect(reply.toolCalls).toEqual([
      {
        name: 'search_inventory',
        arguments: '{"text":"civic"}',
        ok: true,
        summary: expect.stringContaining('2021 Honda Civic EX (stock A1001)'),
        link: `/inventory/${VEHICLE.id}`,
      },
    ]);
    // The tool ran with the caller's own token and the filter the model asked for.
    expect(graph.calls).toHaveLength(1);
    expect(graph.calls[0]!.caller.token).toBe('caller-token');
    expect(graph.calls[0]!.variables.filter).toMatchObject({
      text: 'civic',
      status: ['AVAILABLE'],
    });
    // Two model calls: the first offered the tools, the second got the tool result back.
    const mine = llm.requests.slice(before);
    expect(mine).toHaveLength(2);
    expect(mine[0]!.stream).toBe(true);
    expect(mine[0]!.tools?.map((t) => t.function.name)).toContain('search_inventory');
    expect(mine[1]!.messages.at(-1)!.role).toBe('tool');
    // Tokens streamed in pieces, then the tool card, then done.
    const kinds = events.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'token').length).toBeGreaterThan(3);
    expect(kinds.indexOf('tool')).toBeLessThan(kinds.indexOf('token'));
    expect(kinds.at(-1)).toBe('done');
    const tokens = events.flatMap((e) => (e.kind === 'token' ? [e.text] : [])).join('');
    expect(tokens).toBe(reply.answer);

    const stored = await new ConversationService(db).get(me, reply.conversationId);
    expect(stored?.title).toBe('Do we have a Civic?');
    expect(stored?.messages.map((m) => [m.role, m.text])).toEqual([
      ['USER', 'Do we have a Civic?'],
      ['ASSISTANT', reply.answer],
    ]);
    expect(stored?.messages[1]!.toolCalls[0]!.name).toBe('search_inventory');
  });

  it('remembers the conversation: the next turn sends the earlier messages', async () => {
    const graph = recordingGraph({});
    script = () => ({ text: 'Noted.' });
    const me = principal();
    const assistant = assistantWith(db, graph, llm.baseUrl);
    const who = { principal: me, token: 't', requestId: 'r' };
    const first = await assistant.ask(who, { message: 'My customer likes blue cars.' });
    const before = llm.requests.length;
    await assistant.ask(who, { message: 'What color?', conversationId: first.conversationId });
    const sent = llm.requests[before]!.messages.map((m) => m.content);
    expect(sent).toContain('My customer likes blue cars.');
    expect(sent).toContain('Noted.');
    expect(sent.at(-1)).toBe('What color?');
  });

  it("a tool's FORBIDDEN is the tool's result, and the answer says so", async () => {
    const graph = recordingGraph({ AssistantDeal: forbidden('deals.read') });
    script = (req) => {
      const result = toolResultOf(req);
      if (!result) {
        return {
          toolCalls: [
            { name: 'get_deal', arguments: { dealId: '0b7a3c1e-1111-4a8e-9a55-3f0f7c1b2d11' } },
          ],
        };
      }
      return {
        text: String(result.error).startsWith('FORBIDDEN')
          ? 'You do not have permission to see deals.'
          : 'Here is the deal.',
      };
    };
    const reply = await assistantWith(db, graph, llm.baseUrl).ask(
      { principal: principal(), token: 't', requestId: 'r' },
      { message: 'Show deal' },
    );
    expect(reply.toolCalls[0]).toMatchObject({ name: 'get_deal', ok: false });
    expect(reply.toolCalls[0]!.summary).toMatch(/^FORBIDDEN: This requires permission deals\.read/);
    expect(reply.answer).toBe('You do not have permission to see deals.');
  });

  it('nothing shaped like an SSN or a full date of birth reaches the model endpoint', async () => {
    // A customer record whose free text carries PII (as a note or an import might).
    const graph = recordingGraph({
      AssistantCustomers: () => ({
        customers: {
          edges: [
            {
              node: {
                id: '9d3f5b2a-2222-4a8e-9a55-3f0f7c1b2d11',
                displayName: 'Dana Reyes (SSN 536-22-1234, born 1985-04-12)',
                emails: ['dana@example.com'],
                phones: [{ number: '5125550101', kind: 'MOBILE' }],
                addresses: [{ city: 'Austin', state: 'TX', zip: '78701' }],
                preferredContact: null,
                doNotContact: false,
                marketingConsent: true,
              },
            },
          ],
        },
      }),
    });
    script = (req) =>
      toolResultOf(req)
        ? { text: 'Found Dana.' }
        : { toolCalls: [{ name: 'find_customers', arguments: { search: 'dana' } }] };
    const before = llm.rawBodies.length;
    const reply = await assistantWith(db, graph, llm.baseUrl).ask(
      { principal: principal(), token: 't', requestId: 'r' },
      { message: 'Find Dana, her SSN is 536221234 and DOB 04/12/1985' },
    );
    expect(reply.toolCalls[0]!.ok).toBe(true);
    const sent = llm.rawBodies.slice(before).join('\n');
    expect(sent).toContain('dana@example.com'); // the tool result did reach the model…
    expect(sent).not.toMatch(/\d{3}-\d{2}-\d{4}/); // …without the SSN
    expect(sent).not.toContain('536221234');
    expect(sent).not.toContain('1985-04-12');
    expect(sent).not.toContain('04/12/1985');
    expect(sent).toContain('[redacted]');
    // The phone number (10 digits) is not mistaken for an SSN.
    expect(sent).toContain('5125550101');
  });

  it('caps a large tool result and keeps it valid JSON', async () => {
    const many = Array.from({ length: 10 }, (_, i) => ({
      ...VEHICLE,
      id: `5b8f0a52-6f1c-4a8e-9a55-3f0f7c1b2d${String(i).padStart(2, '0')}`,
      trim: 'X'.repeat(900),
    }));
    const graph = recordingGraph({
      AssistantVehicles: () => ({ vehicles: { edges: many.map((node) => ({ node })) } }),
    });
    let seen = '';
    script = (req) => {
      const last = lastMessage(req);
      if (last?.role === 'tool') {
        seen = last.content ?? '';
        return { text: 'Many.' };
      }
      return { toolCalls: [{ name: 'search_inventory', arguments: {} }] };
    };
    await assistantWith(db, graph, llm.baseUrl).ask(
      { principal: principal(), token: 't', requestId: 'r' },
      { message: 'everything' },
    );
    expect(seen.length).toBeLessThanOrEqual(6000);
    const parsed = JSON.parse(seen) as { truncated: boolean; itemsLeftOut: number };
    expect(parsed.truncated).toBe(true);
    expect(parsed.itemsLeftOut).toBeGreaterThan(0);
  });
});

describe('without a language model', () => {
  it('says plainly that none is configured, and stores the turn', async () => {
    const me = principal();
    const assistant = assistantWith(db, recordingGraph({}), null);
    const reply = await assistant.ask(
      { principal: me, token: 't', requestId: 'r' },
      { message: 'What is the tax in Texas?' },
    );
    expect(reply.modelUsed).toBe(false);
    expect(reply.answer).toMatch(/No language model is configured/);
    expect(reply.toolCalls).toEqual([]);
    const stored = await new ConversationService(db).get(me, reply.conversationId);
    expect(stored?.messages).toHaveLength(2);
  });

  it('quick actions still run their tools and answer from the facts', async () => {
    const dealId = '0b7a3c1e-3333-4a8e-9a55-3f0f7c1b2d11';
    const graph = recordingGraph({
      AssistantGrid: (v) => ({
        deal: {
          id: v.id,
          dealNumber: 1042,
          paymentGrid: {
            apr: '6.9',
            rows: [
              {
                termMonths: 36,
                cells: [{ downPayment: '0', amountFinanced: '20000', monthlyPayment: '616.63' }],
              },
              {
                termMonths: 72,
                cells: [{ downPayment: '5000', amountFinanced: '15000', monthlyPayment: '255.02' }],
              },
            ],
          },
        },
      }),
    });
    const reply = await assistantWith(db, graph, null).ask(
      { principal: principal(), token: 't', requestId: 'r' },
      { quickAction: 'PAYMENT_OPTIONS', dealId },
    );
    expect(graph.calls[0]!.variables).toMatchObject({ id: dealId, terms: [36, 48, 60, 72] });
    expect(reply.toolCalls[0]).toMatchObject({
      name: 'payment_options',
      ok: true,
      link: `/deals/${dealId}`,
    });
    expect(reply.answer).toContain('$616.63/mo');
    expect(reply.answer).toContain('$255.02/mo');
    expect(reply.answer).toMatch(/No language model is configured/);
  });

  it('a quick action on a deal needs the deal', async () => {
    await expect(
      assistantWith(db, recordingGraph({}), null).ask(
        { principal: principal(), token: 't', requestId: 'r' },
        { quickAction: 'EXPLAIN_DEAL' },
      ),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.dealId' } });
  });
});

describe('limits and failures', () => {
  it('stops at the tool-call limit and still answers', async () => {
    const graph = recordingGraph({ AssistantVehicles: () => ({ vehicles: { edges: [] } }) });
    script = (req) =>
      req.tools?.length
        ? { toolCalls: [{ name: 'aged_inventory', arguments: { minDays: 30 } }] }
        : { text: 'Nothing aged.' };
    const reply = await assistantWith(db, graph, llm.baseUrl, { maxToolCalls: 2 }).ask(
      { principal: principal(), token: 't', requestId: 'r' },
      { message: 'aged?' },
    );
    expect(reply.toolCalls).toHaveLength(2);
    expect(graph.calls).toHaveLength(2);
    expect(reply.answer).toBe('Nothing aged.');
  });

  it('a model error ends the turn with a clear answer, not a crash', async () => {
    script = () => ({ status: 500, error: 'boom' });
    const reply = await assistantWith(db, recordingGraph({}), llm.baseUrl).ask(
      { principal: principal(), token: 't', requestId: 'r' },
      { message: 'hello' },
    );
    expect(reply.answer).toMatch(/could not answer \(HTTP 500\)/);
  });

  it('a model that never answers times out with a clear answer', async () => {
    script = () => ({ hang: true });
    const reply = await assistantWith(db, recordingGraph({}), llm.baseUrl, { timeoutMs: 300 }).ask(
      { principal: principal(), token: 't', requestId: 'r' },
      { message: 'hello' },
    );
    expect(reply.answer).toMatch(/timed out after 0 s|timed out/);
  });

  it('refuses more requests per user per minute than allowed, for that user only', async () => {
    script = () => ({ text: 'ok' });
    const assistant = assistantWith(db, recordingGraph({}), llm.baseUrl, { requestsPerMinute: 2 });
    const me = principal();
    const who = { principal: me, token: 't', requestId: 'r' };
    await assistant.ask(who, { message: 'one' });
    await assistant.ask(who, { message: 'two' });
    await expect(assistant.ask(who, { message: 'three' })).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED', limitPerMinute: 2 },
    });
    const other = { principal: principal(), token: 't', requestId: 'r' };
    await expect(assistant.ask(other, { message: 'one' })).resolves.toBeTruthy();
  });
});

describe('conversations belong to one user of one dealership', () => {
  it('another user of the same dealership, or another dealership, cannot see or continue them', async () => {
    script = () => ({ text: 'ok' });
    const me = principal();
    const colleague = principal({ dealershipId: me.dealershipId });
    const rival = principal();
    const assistant = assistantWith(db, recordingGraph({}), llm.baseUrl);
    const mine = await assistant.ask(
      { principal: me, token: 't', requestId: 'r' },
      { message: 'private question' },
    );
    const conversations = new ConversationService(db);
    expect(await conversations.get(me, mine.conversationId)).not.toBeNull();
    for (const other of [colleague, rival]) {
      expect(await conversations.get(other, mine.conversationId)).toBeNull();
      expect((await conversations.list(other, 10, null)).edges).toEqual([]);
      await expect(
        assistant.ask(
          { principal: other, token: 't', requestId: 'r' },
          { message: 'continue', conversationId: mine.conversationId },
        ),
      ).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    }
    // RLS itself, not only the queries: a raw count as the colleague sees nothing of mine.
    const seen = await db.withTenant(
      { dealershipId: colleague.dealershipId, userId: colleague.userId },
      (em) => em.execute<{ n: string }[]>('select count(*)::text as n from ai.messages'),
    );
    expect(seen[0]!.n).toBe('0');
    // And a row written for someone else is refused (WITH CHECK).
    await expect(
      db.withTenant({ dealershipId: me.dealershipId, userId: me.userId }, (em) =>
        em.execute(
          `insert into ai.conversations (dealership_id, user_id, title) values (?, ?, 'x')`,
          [me.dealershipId, colleague.userId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('lists the caller’s conversations most recent first, page by page', async () => {
    script = () => ({ text: 'ok' });
    const me = principal();
    const assistant = assistantWith(db, recordingGraph({}), llm.baseUrl);
    const ids: string[] = [];
    for (const q of ['first', 'second', 'third']) {
      ids.push(
        (await assistant.ask({ principal: me, token: 't', requestId: 'r' }, { message: q }))
          .conversationId,
      );
    }
    const conversations = new ConversationService(db);
    const page1 = await conversations.list(me, 2, null);
    expect(page1.edges.map((e) => e.node.title)).toEqual(['third', 'second']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await conversations.list(me, 2, page1.pageInfo.endCursor);
    expect(page2.edges.map((e) => e.node.id)).toEqual([ids[0]]);
    await expect(conversations.list(me, 2, 'bogus')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });
});
