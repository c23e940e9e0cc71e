/// <reference lib="dom" />
// The assistant panel in Chromium on the real system (router subscriptions over graphql-ws, the ai
// subgraph on a scripted OpenAI-compatible endpoint): on the desk the quick actions stream an answer
// with the tool's card linking to the deal, a typed policy question shows its cited sources, and
// the panel is there on every page. Screenshots: test-output/web/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lastMessage,
  lastUserText,
  startScriptedOpenAI,
  type ChatRequest,
  type ScriptedOpenAI,
  type ScriptedReply,
} from '@autolytiq/tools/scripted-openai.ts';
import { addVehicleVia, createCustomerVia, gql, login, must, testVin } from './support.ts';
import { launchBrowser, shootOnFailure, shot, signIn, startWebSystem } from './web-support.ts';

type WebSystem = Awaited<ReturnType<typeof startWebSystem>>;
let system: WebSystem;
let llm: ScriptedOpenAI;
let browser: Browser;
let page: Page;
let dealId: string;
const pageErrors: string[] = [];

/** Tool results are summed up in words; a "policy …" question searches the documents. */
function script(req: ChatRequest): ScriptedReply {
  const last = lastMessage(req);
  if (last?.role === 'tool') {
    const result = JSON.parse(last.content ?? '{}') as { ok: boolean; result?: any };
    if (!result.ok) return { text: 'That did not work.' };
    const passages = result.result?.passages as { quote: string }[] | undefined;
    if (passages) return { text: `The policy says: ${passages[0]?.quote ?? 'nothing'}` };
    return { text: `Here is what I found: ${JSON.stringify(result.result).slice(0, 160)}` };
  }
  const q = lastUserText(req);
  if (q.startsWith('policy ')) {
    return { toolCalls: [{ name: 'search_documents', arguments: { query: q.slice(7) } }] };
  }
  return { text: 'Ask me about a policy.' };
}

beforeAll(async () => {
  llm = await startScriptedOpenAI(script, { tokenDelayMs: 5 });
  browser = await launchBrowser();
  system = await startWebSystem({
    env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'test-key', AI_MODEL: 'scripted' },
  });
  const manager = (await login(system.routerUrl, 'manager')).accessToken;
  const vehicleId = await addVehicleVia(system.routerUrl, manager, {
    vin: testVin('KM8K2CAB0PU', 420001),
    stockNumber: 'WA1001',
    year: 2023,
    make: 'Hyundai',
    model: 'Kona',
    mileage: 10,
    condition: 'NEW',
    msrp: '26000.00',
    listPrice: '25000.00',
    cost: '18000.00',
  });
  const buyerId = await createCustomerVia(system.routerUrl, manager, {
    firstName: 'Rosa',
    lastName: 'Delgado',
    emails: ['rosa.d@example.com'],
    addresses: [{ line1: '1 Main St', city: 'Austin', state: 'TX', zip: '78701' }],
  });
  const deal = must(
    await gql(system.routerUrl, `mutation($i: CreateDealInput!) { createDeal(input: $i) { id } }`, {
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
  must(
    await gql(
      system.routerUrl,
      `mutation($input: UploadAssistantDocumentInput!) { uploadAssistantDocument(input: $input) { id } }`,
      {
        token: manager,
        variables: {
          input: {
            title: 'Deposit policy',
            format: 'MARKDOWN',
            content:
              '# Holds\n\nA vehicle is held only with a deposit of at least $500, for 72 hours.',
          },
        },
      },
    ),
  );
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  // A crash in the page shows as Next's error screen only: keep what the browser said.
  page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
  page.on('console', (m) => void (m.type() === 'error' && pageErrors.push(m.text())));
  await signIn(page, system.webUrl, 'sales');
}, 600_000);

afterAll(async () => {
  if (pageErrors.length) console.log(`browser errors:\n${pageErrors.join('\n')}`);
  await browser?.close();
  await system?.shutdown();
  await llm?.close();
});

describe('web: the assistant panel', { timeout: 180_000 }, () => {
  shootOnFailure(() => ({ '': page }));

  it('on the desk, "Payment options" streams an answer with the tool card linking to the deal', async () => {
    await page.goto(`${system.webUrl}/deals/${dealId}`);
    await page.getByRole('button', { name: 'Assistant', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Assistant' });
    await panel.getByRole('button', { name: 'Payment options' }).click();
    const card = panel.getByTestId('assistant-tool-card').first();
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Payment options.*\$[\d.]+\/mo/);
    expect(await card.getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(
      `/deals/${dealId}`,
    );
    const answer = panel.getByTestId('assistant-answer').first();
    await expect.poll(() => answer.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
    expect(await answer.textContent()).toContain('Here is what I found');
    await shot(page, 'assistant-desk-payments');
  });

  it('a typed policy question shows the cited source', async () => {
    const panel = page.getByRole('complementary', { name: 'Assistant' });
    await panel.getByLabel('Ask the assistant').fill('policy deposit to hold a vehicle');
    await panel.getByRole('button', { name: 'Ask', exact: true }).click();
    const turn = panel.getByTestId('assistant-turn').nth(1);
    const sources = turn.getByTestId('assistant-citations');
    await sources.waitFor({ timeout: 30_000 });
    expect(await sources.textContent()).toContain('Deposit policy › Holds');
    expect(await turn.getByTestId('assistant-answer').textContent()).toContain('at least $500');
    expect(await turn.getByTestId('assistant-tool-card').textContent()).toContain(
      'Dealership documents',
    );
    await shot(page, 'assistant-policy-citation');
  });

  it('"Similar cars under $X" lists vehicles in budget, and the panel is on other pages too', async () => {
    const panel = page.getByRole('complementary', { name: 'Assistant' });
    await panel.getByLabel('Similar cars under $').fill('30,000');
    await panel.getByRole('button', { name: 'Show similar cars' }).click();
    const card = panel.getByTestId('assistant-turn').nth(2).getByTestId('assistant-tool-card');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toMatch(/Vehicles within budget.*Kona/);
    await page.goto(`${system.webUrl}/inventory`);
    await page.getByRole('button', { name: 'Assistant', exact: true }).waitFor();
    // Off the desk there are no deal quick actions.
    await page.getByRole('button', { name: 'Assistant', exact: true }).click();
    const here = page.getByRole('complementary', { name: 'Assistant' });
    await here.getByLabel('Ask the assistant').waitFor();
    expect(await here.getByRole('button', { name: 'Payment options' }).count()).toBe(0);
  });

  it('lists the documents for a salesperson (who may search, not manage them)', async () => {
    await page.goto(`${system.webUrl}/assistant/documents`);
    await page.getByRole('heading', { name: 'Assistant documents' }).waitFor();
    await page.getByTestId('assistant-document').first().waitFor();
    expect(await page.getByTestId('assistant-document').first().textContent()).toContain(
      'Deposit policy',
    );
    expect(await page.getByRole('button', { name: 'Upload' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await page.getByLabel('What would the assistant find for…').fill('Texas trade-in');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hits = page.getByTestId('knowledge-hits');
    await hits.getByRole('link', { name: 'Texas vehicle sales tax rules' }).waitFor();
    await shot(page, 'assistant-documents');
  });
});
