// The assistant through the real system: the ai subgraph's tools go through the router with the
// asking user's own token (a salesperson's gross question is FORBIDDEN, a manager's is answered),
// another dealership's deal is not found, PII never reaches the model endpoint, conversations are
// private to their user, and assistantChat streams tokens → tool cards → done through the router.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import {
  startScriptedOpenAI,
  lastMessage,
  lastUserText,
  type ChatRequest,
  type ScriptedOpenAI,
  type ScriptedReply,
} from '@autolytiq/tools/scripted-openai.ts';
import {
  addVehicleVia,
  createCustomerVia,
  gql,
  login,
  must,
  provisionOtherDealership,
  startTestSystem,
  testVin,
  type TestSystem,
} from './support.ts';

let sys: TestSystem;
let llm: ScriptedOpenAI;
let manager: string;
let sales: string;
let sales2: string;
let rival: string;
let dealId: string;
const clients: Client[] = [];

const ASK = `mutation Ask($input: AskAssistantInput!) {
  askAssistant(input: $input) {
    conversationId answer modelUsed
    toolCalls { name arguments ok summary link }
    citations { documentId title snippet }
  }
}`;

/** The scripted model: the user's question names the tool; once a tool answered, it reports it. */
function script(req: ChatRequest): ScriptedReply {
  const last = lastMessage(req);
  if (last?.role === 'tool') {
    const result = JSON.parse(last.content ?? '{}') as {
      ok: boolean;
      error?: string;
      result?: any;
    };
    if (!result.ok) {
      return {
        text: result.error?.startsWith('FORBIDDEN')
          ? "You don't have permission to see that."
          : `That did not work: ${result.error}`,
      };
    }
    return { text: `Tool facts: ${JSON.stringify(result.result).slice(0, 400)}` };
  }
  const q = lastUserText(req);
  const id = /deal ([0-9a-f-]{36})/.exec(q)?.[1];
  if (q.startsWith('gross') && id)
    return { toolCalls: [{ name: 'deal_gross', arguments: { dealId: id } }] };
  if (q.startsWith('show') && id)
    return { toolCalls: [{ name: 'get_deal', arguments: { dealId: id } }] };
  if (q.startsWith('find ')) {
    return { toolCalls: [{ name: 'find_customers', arguments: { search: q.slice(5) } }] };
  }
  if (q.startsWith('policy ')) {
    return { toolCalls: [{ name: 'search_documents', arguments: { query: q.slice(7) } }] };
  }
  if (q.startsWith('stock ')) {
    return { toolCalls: [{ name: 'search_inventory', arguments: { text: q.slice(6) } }] };
  }
  return { text: 'Hello from the scripted model.' };
}

beforeAll(async () => {
  llm = await startScriptedOpenAI(script);
  sys = await startTestSystem({
    env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'test-key', AI_MODEL: 'scripted' },
  });
  await provisionOtherDealership(sys.databaseUrl, 'ai-rival', ['admin']);
  const tokens = await Promise.all(
    ['manager', 'sales', 'sales2', 'ai-rival'].map(
      async (u) => (await login(sys.routerUrl, u)).accessToken,
    ),
  );
  [manager, sales, sales2, rival] = tokens as [string, string, string, string];
  const vehicleId = await addVehicleVia(sys.routerUrl, manager, {
    vin: testVin('KM8K2CAB0PU', 410001),
    stockNumber: 'AI1001',
    year: 2023,
    make: 'Hyundai',
    model: 'Kona',
    mileage: 10,
    condition: 'NEW',
    msrp: '26000.00',
    listPrice: '25000.00',
    cost: '18000.00',
  });
  const buyerId = await createCustomerVia(sys.routerUrl, manager, {
    firstName: 'Dana',
    lastName: 'Quintero',
    dateOfBirth: '1985-04-12',
    emails: ['dana.q@example.com'],
    addresses: [{ line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' }],
  });
  must(
    await gql(
      sys.routerUrl,
      `mutation($c: ID!, $input: CreditApplicationInput!) { createCreditApplication(customerId: $c, input: $input) { id } }`,
      {
        token: manager,
        variables: {
          c: buyerId,
          input: {
            applicant: {
              firstName: 'Dana',
              lastName: 'Quintero',
              ssn: '536-22-1234',
              dateOfBirth: '1985-04-12',
              residences: [
                {
                  address: { line1: '100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' },
                  housingStatus: 'RENT',
                  monthsAtAddress: 30,
                },
              ],
              employments: [
                {
                  employer: 'H-E-B',
                  status: 'FULL_TIME',
                  monthlyIncome: '6250',
                  monthsEmployed: 48,
                },
              ],
              grossMonthlyIncome: '6250',
              monthlyHousingPayment: '1850',
            },
          },
        },
      },
    ),
  );
  const deal = must(
    await gql(sys.routerUrl, `mutation($i: CreateDealInput!) { createDeal(input: $i) { id } }`, {
      token: manager,
      variables: {
        i: {
          buyerId,
          vehicleId,
          dealDate: '2026-11-20',
          scenarios: [
            {
              kind: 'FINANCE',
              name: '60 mo',
              finance: { lender: 'CU', buyRate: '5.00', termMonths: 60, downPayment: '2000' },
            },
          ],
        },
      },
    }),
  );
  dealId = deal.createDeal.id as string;
}, 900_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await sys?.shutdown();
  await llm?.close();
});

async function ask(token: string, input: Record<string, unknown>) {
  return gql(sys.routerUrl, ASK, { token, variables: { input } });
}

const UPLOAD = `mutation Up($input: UploadAssistantDocumentInput!) {
  uploadAssistantDocument(input: $input) { id title format chunkCount uploadedBy }
}`;

describe("the dealership's knowledge through the router", () => {
  it('a manager uploads a policy (a salesperson may not), everyone in the dealership gets cited answers, another dealership finds nothing', async () => {
    const input = {
      title: 'Deposit policy',
      format: 'MARKDOWN',
      content:
        '# Deposits\n\nA vehicle is held only with a deposit of at least $500, for 72 hours.',
    };
    const refused = await gql(sys.routerUrl, UPLOAD, { token: sales, variables: { input } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const up = must(await gql(sys.routerUrl, UPLOAD, { token: manager, variables: { input } }));
    expect(up.uploadAssistantDocument).toMatchObject({ format: 'MARKDOWN', chunkCount: 1 });
    const docId = up.uploadAssistantDocument.id as string;

    const reply = must(await ask(sales, { message: 'policy vehicle hold deposit' })).askAssistant;
    expect(reply.toolCalls[0]).toMatchObject({ name: 'search_documents', ok: true });
    expect(reply.answer).toContain('at least $500');
    expect(reply.citations[0]).toMatchObject({
      documentId: docId,
      title: 'Deposit policy › Deposits',
    });

    const SEARCH = `query($q: String!) { knowledgeSearch(query: $q) { documentId title snippet url } }`;
    const theirs = must(
      await gql(sys.routerUrl, SEARCH, { token: rival, variables: { q: 'deposit hold' } }),
    );
    expect(theirs.knowledgeSearch.map((h: { documentId: string }) => h.documentId)).not.toContain(
      docId,
    );
    const tax = must(
      await gql(sys.routerUrl, SEARCH, { token: sales, variables: { q: 'Texas trade-in' } }),
    );
    expect(tax.knowledgeSearch[0]).toMatchObject({ documentId: 'tax-rules-TX' });
    expect(tax.knowledgeSearch[0].url).toMatch(/^https:/);

    const gone = await gql(
      sys.routerUrl,
      `mutation($id: ID!) { deleteAssistantDocument(id: $id) { id } }`,
      {
        token: rival,
        variables: { id: docId },
      },
    );
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('askAssistant through the router', () => {
  it('tools run as the asking user: a manager gets the gross, a salesperson gets FORBIDDEN', async () => {
    const asManager = must(await ask(manager, { message: `gross on deal ${dealId}` })).askAssistant;
    expect(asManager.toolCalls).toEqual([
      expect.objectContaining({ name: 'deal_gross', ok: true, link: `/deals/${dealId}` }),
    ]);
    expect(asManager.answer).toMatch(/^Tool facts: .*"grossProfit"/);

    const asSales = must(await ask(sales, { message: `gross on deal ${dealId}` })).askAssistant;
    expect(asSales.toolCalls[0]).toMatchObject({ name: 'deal_gross', ok: false });
    expect(asSales.toolCalls[0].summary).toMatch(/^FORBIDDEN: .*deals\.gross\.read/);
    expect(asSales.answer).toBe("You don't have permission to see that.");
  });

  it("finds the dealership's vehicle with a link, and another dealership's deal is not found", async () => {
    const found = must(await ask(sales, { message: 'stock kona' })).askAssistant;
    expect(found.toolCalls[0]).toMatchObject({ name: 'search_inventory', ok: true });
    expect(found.toolCalls[0].summary).toContain('2023 Hyundai Kona');
    expect(found.answer).toContain('AI1001');

    const other = must(await ask(rival, { message: `show deal ${dealId}` })).askAssistant;
    expect(other.toolCalls[0]).toMatchObject({
      name: 'get_deal',
      ok: true,
      summary: 'No such deal.',
    });
    const rivalStock = must(await ask(rival, { message: 'stock kona' })).askAssistant;
    expect(rivalStock.answer).not.toContain('AI1001');
  });

  it('no SSN or date of birth reaches the model, even for a user allowed to reveal them', async () => {
    const finance = (await login(sys.routerUrl, 'finance')).accessToken;
    const before = llm.rawBodies.length;
    const reply = must(await ask(finance, { message: 'find Dana Quintero' })).askAssistant;
    expect(reply.toolCalls[0]).toMatchObject({ name: 'find_customers', ok: true });
    const shown = must(await ask(finance, { message: `show deal ${dealId}` })).askAssistant;
    expect(shown.toolCalls[0].ok).toBe(true);
    const sent = llm.rawBodies.slice(before).join('\n');
    expect(sent).toContain('dana.q@example.com');
    expect(sent).not.toMatch(/\b\d{3}-\d{2}-\d{4}\b/);
    expect(sent).not.toContain('1985-04-12');
    expect(sent).not.toContain('536221234');
  });

  it('conversations are private to their user (same dealership or not)', async () => {
    const mine = must(await ask(sales, { message: 'hello there' })).askAssistant;
    const q = `query($id: ID!) { conversation(id: $id) { id title messages { role text } } }`;
    const own = must(
      await gql(sys.routerUrl, q, { token: sales, variables: { id: mine.conversationId } }),
    );
    expect(own.conversation.messages).toEqual([
      { role: 'USER', text: 'hello there' },
      { role: 'ASSISTANT', text: 'Hello from the scripted model.' },
    ]);
    for (const other of [sales2, rival]) {
      const seen = must(
        await gql(sys.routerUrl, q, { token: other, variables: { id: mine.conversationId } }),
      );
      expect(seen.conversation).toBeNull();
      const cont = await ask(other, { message: 'continue', conversationId: mine.conversationId });
      expect(cont.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const list = must(
      await gql(sys.routerUrl, '{ conversations(first: 50) { edges { node { id } } } }', {
        token: sales2,
      }),
    );
    expect(list.conversations.edges.map((e: any) => e.node.id)).not.toContain(mine.conversationId);
  });

  it('a bad input is BAD_USER_INPUT naming the field, and nothing is stored', async () => {
    const res = await ask(sales, { message: '' });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.message',
    });
  });
});

describe('assistantChat through the router', () => {
  it('streams tokens, the tool card and the stored reply', async () => {
    const client = createClient({
      url: sys.routerUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${sales}` },
    });
    clients.push(client);
    const events: any[] = [];
    await new Promise<void>((resolve, reject) => {
      client.subscribe(
        {
          query: `subscription Chat($input: AskAssistantInput!) {
            assistantChat(input: $input) {
              __typename
              ... on AssistantToken { text }
              ... on AssistantToolCall { name ok summary link }
              ... on AssistantDone { reply { conversationId answer toolCalls { name } } }
            }
          }`,
          variables: { input: { message: 'stock kona', dealId } },
        },
        {
          next: (v) => void events.push(v.data?.assistantChat ?? v),
          error: reject,
          complete: resolve,
        },
      );
    });
    const types = events.map((e) => e.__typename);
    expect(types[0]).toBe('AssistantToolCall');
    expect(events[0]).toMatchObject({ name: 'search_inventory', ok: true });
    expect(types.filter((t) => t === 'AssistantToken').length).toBeGreaterThan(1);
    expect(types.at(-1)).toBe('AssistantDone');
    const done = events.at(-1).reply;
    const streamed = events
      .filter((e) => e.__typename === 'AssistantToken')
      .map((e) => e.text)
      .join('');
    expect(streamed).toBe(done.answer);
    expect(done.answer).toContain('AI1001');
    // Stored like a mutation's turn.
    const stored = must(
      await gql(
        sys.routerUrl,
        `query($id: ID!) { conversation(id: $id) { dealId messages { role } } }`,
        {
          token: sales,
          variables: { id: done.conversationId },
        },
      ),
    );
    expect(stored.conversation).toEqual({
      dealId,
      messages: [{ role: 'USER' }, { role: 'ASSISTANT' }],
    });
  });
});
