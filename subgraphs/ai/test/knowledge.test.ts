// The dealership's knowledge (RAG) against the real database: upload (Markdown, text, PDF), chunks
// under forced RLS, full-text + trigram retrieval, calc's tax rules as passages, embeddings
// re-ranking through the scripted OpenAI-compatible endpoint, audit entries, and the tool's citations.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@autolytiq/kit';
import { AppError } from '@autolytiq/kit/core';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import {
  lastMessage,
  startScriptedOpenAI,
  type ChatRequest,
  type ScriptedOpenAI,
  type ScriptedReply,
} from '@autolytiq/tools/scripted-openai.ts';
import { migrations } from '../src/migrations/index.ts';
import { chunkDocument, MAX_CHUNK } from '../src/domain/knowledge/chunking.ts';
import { DocumentService } from '../src/domain/knowledge/documents.ts';
import { createEmbedder } from '../src/domain/knowledge/embedder.ts';
import { KnowledgeRetriever, queryWords, rarestWords } from '../src/domain/knowledge/retriever.ts';
import { indexTaxRules } from '../src/domain/knowledge/tax-index.ts';
import { taxRulePassage } from '../src/domain/knowledge/tax-passages.ts';
import { assistantWith, principal, recordingGraph } from './helpers.ts';
import { pdfWithText } from './pdf-fixture.ts';

const doc = (name: string) =>
  readFileSync(new URL(`../eval/documents/${name}`, import.meta.url), 'utf8');

let database: TestDatabase;
let db: Database;
let llm: ScriptedOpenAI;
let script: (req: ChatRequest) => ScriptedReply = () => ({ text: 'unused' });

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase({ url: database.url, schema: 'ai', migrations });
  await db.migrate();
  await indexTaxRules(db, '2026-06-01');
  llm = await startScriptedOpenAI((req) => script(req));
}, 60_000);

afterAll(async () => {
  await llm?.close();
  await db?.close();
  await database?.drop();
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).extensions as { code: string; field?: string };
}

describe('chunking', () => {
  it('splits Markdown by headings with the section path, and long text within MAX_CHUNK', () => {
    const chunks = chunkDocument('Returns', 'MARKDOWN', doc('return-policy.md'));
    expect(chunks.map((c) => c.heading)).toEqual([
      'Returns › Vehicle Return and Exchange Policy › Used vehicles: 3-day exchange',
      'Returns › Vehicle Return and Exchange Policy › New vehicles',
      'Returns › Vehicle Return and Exchange Policy › Condition on exchange',
    ]);
    expect(chunks[0]!.text).toContain('3 days or 150 miles');
    const long = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const pieces = chunkDocument('Long', 'TEXT', `${long}\n\nLast paragraph.`);
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((c) => c.text.length))).toBeLessThanOrEqual(MAX_CHUNK);
    expect(pieces.map((c) => c.text).join(' ')).toContain('Sentence number 399 is here.');
    expect(pieces.map((c) => c.ordinal)).toEqual(pieces.map((_, i) => i));
  });

  it('keeps only letters and digits of a question for the text-search query', () => {
    expect(queryWords("What's the return policy? (used) | & ! <-> 150 miles")).toEqual([
      'what',
      'the',
      'return',
      'policy',
      'used',
      '150',
      'miles',
    ]);
  });
});

describe('documents', () => {
  it('uploads Markdown, lists it, finds its passage with a citation, and audits upload and delete', async () => {
    const manager = principal({ username: 'dana.manager' });
    const documents = new DocumentService(db);
    const retriever = new KnowledgeRetriever(db);
    const uploaded = await documents.upload(manager, {
      title: 'Return policy',
      format: 'MARKDOWN',
      content: doc('return-policy.md'),
    });
    expect(uploaded).toMatchObject({ title: 'Return policy', format: 'MARKDOWN', chunkCount: 3 });
    expect(uploaded.uploadedBy).toBe('dana.manager');
    expect((await documents.list(manager)).map((d) => d.id)).toEqual([uploaded.id]);

    const hits = await retriever.search(manager, 'Can a customer return a used car?', 3);
    expect(hits[0]).toMatchObject({
      documentId: uploaded.id,
      title: 'Return policy › Vehicle Return and Exchange Policy › Used vehicles: 3-day exchange',
    });
    expect(hits[0]!.snippet).toMatch(/used vehicle/i);
    expect(hits[0]!.text).toContain('restocking fee of $250');

    await documents.remove(manager, uploaded.id);
    expect(await documents.list(manager)).toEqual([]);
    expect(await retriever.search(manager, 'restocking fee', 3)).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ documentId: uploaded.id })]),
    );
    const entries = await db.withTenant({ dealershipId: manager.dealershipId }, (em) =>
      em.execute<{ action: string; entity_type: string; actor_username: string }[]>(
        `select action, entity_type, actor_username from audit.entries where entity_id = ? order by at`,
        [uploaded.id],
      ),
    );
    expect(entries.map((e) => [e.action, e.entity_type])).toEqual([
      ['create', 'AssistantDocument'],
      ['delete', 'AssistantDocument'],
    ]);
  });

  it("another dealership neither finds, lists nor deletes a dealership's document (RLS)", async () => {
    const a = principal();
    const b = principal();
    const documents = new DocumentService(db);
    const retriever = new KnowledgeRetriever(db);
    const mine = await documents.upload(a, {
      title: 'Deposits',
      format: 'MARKDOWN',
      content: doc('deposit-and-holds.md'),
    });
    expect((await retriever.search(a, 'deposit hold 72 hours', 3))[0]?.documentId).toBe(mine.id);
    expect(await documents.list(b)).toEqual([]);
    const seenByB = await retriever.search(b, 'deposit hold 72 hours', 5);
    expect(seenByB.map((h) => h.documentId)).not.toContain(mine.id);
    expect(await refusal(documents.remove(b, mine.id))).toMatchObject({ code: 'NOT_FOUND' });
    // Even a direct write under B's tenant cannot put a chunk on A's document.
    const write = db.withTenant({ dealershipId: b.dealershipId }, (em) =>
      em.execute(
        `insert into ai.document_chunks (dealership_id, document_id, ordinal, heading, text)
         values (?, ?, 99, 'x', 'x')`,
        [a.dealershipId, mine.id],
      ),
    );
    await expect(write).rejects.toThrow(/row-level security/);
    expect((await documents.list(a)).map((d) => d.id)).toEqual([mine.id]);
  });

  it('extracts the text of a PDF; a file that is not a PDF, or has no text, is refused and nothing is stored', async () => {
    const me = principal();
    const documents = new DocumentService(db);
    const pdf = pdfWithText([
      'GAP protection (financed deals only)',
      'Price $695; pays up to 150% of value.',
    ]);
    const stored = await documents.upload(me, {
      title: 'GAP sheet',
      format: 'PDF',
      content: pdf.toString('base64'),
    });
    expect(stored.format).toBe('PDF');
    const hits = await new KnowledgeRetriever(db).search(me, 'GAP price', 2);
    expect(hits[0]).toMatchObject({ documentId: stored.id, title: 'GAP sheet' });
    expect(hits[0]!.text).toContain('Price $695');

    const notPdf = Buffer.from('hello, I am text').toString('base64');
    expect(
      await refusal(documents.upload(me, { title: 'x', format: 'PDF', content: notPdf })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
    const empty = pdfWithText([]).toString('base64');
    expect(
      await refusal(documents.upload(me, { title: 'x', format: 'PDF', content: empty })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
    expect(
      await refusal(documents.upload(me, { title: '  ', format: 'TEXT', content: 'text' })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    expect(
      await refusal(documents.upload(me, { title: 'x', format: 'TEXT', content: ' \n ' })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
    expect((await documents.list(me)).map((d) => d.id)).toEqual([stored.id]);
  });

  it('finds a passage through a misspelt word (trigram fallback)', async () => {
    const me = principal();
    await new DocumentService(db).upload(me, {
      title: 'F&I products',
      format: 'MARKDOWN',
      content: doc('fi-products.md'),
    });
    const hits = await new KnowledgeRetriever(db).search(me, 'deductibel', 2);
    expect(hits[0]?.title).toBe('F&I products › F&I Product Terms › Vehicle service contract');
  });
});

describe('word counts (document frequency)', () => {
  it('searches with the rarest words up to the candidate budget, always at least one', () => {
    const counts = [
      { lexeme: 'restock', chunks: 3 },
      { lexeme: 'exchang', chunks: 40 },
      { lexeme: 'vehicl', chunks: 900 },
    ];
    expect(rarestWords(counts, 600)).toEqual(['restock', 'exchang']);
    expect(rarestWords(counts, 2000)).toEqual(['restock', 'exchang', 'vehicl']);
    expect(rarestWords([{ lexeme: 'vehicl', chunks: 900 }], 600)).toEqual(['vehicl']);
    expect(rarestWords([], 600)).toEqual([]);
  });

  it('are counted per dealership at upload, taken back at delete, and hidden from other dealerships', async () => {
    const a = principal();
    const b = principal();
    const documents = new DocumentService(db);
    const count = (who: { dealershipId: string }, lexeme: string) =>
      db.withTenant({ dealershipId: who.dealershipId }, (em) =>
        em
          .execute<{ chunks: number }[]>('select chunks from ai.knowledge_terms where lexeme = ?', [
            lexeme,
          ])
          .then((r) => r[0]?.chunks ?? 0),
      );
    const first = await documents.upload(a, {
      title: 'Returns',
      format: 'MARKDOWN',
      content: doc('return-policy.md'),
    });
    const second = await documents.upload(a, {
      title: 'Returns again',
      format: 'MARKDOWN',
      content: doc('return-policy.md'),
    });
    // "Exchange" is in the policy's top heading, so in each of its three chunks: 3 per copy.
    expect(await count(a, 'exchang')).toBe(6);
    expect(await count(b, 'exchang')).toBe(0);
    await documents.remove(a, second.id);
    expect(await count(a, 'exchang')).toBe(3);
    await documents.remove(a, first.id);
    expect(await count(a, 'exchang')).toBe(0);
    const forged = db.withTenant({ dealershipId: b.dealershipId }, (em) =>
      em.execute(
        "insert into ai.knowledge_terms (dealership_id, lexeme, chunks) values (?, 'x', 1)",
        [a.dealershipId],
      ),
    );
    await expect(forged).rejects.toThrow(/row-level security/);
  });
});

describe("calc's tax rules as passages", () => {
  it('describes a state in words from calc and is found with its source', async () => {
    const tx = taxRulePassage('TX', '2026-06-01');
    expect(tx.text).toContain('6.25%');
    expect(tx.text).toContain('trade-in allowance is deducted in full');
    expect(tx.sources[0]).toMatch(/^https:\/\//);
    const hits = await new KnowledgeRetriever(db).search(
      principal(),
      'Texas sales tax trade-in credit',
      3,
    );
    expect(hits[0]).toMatchObject({
      documentId: 'tax-rules-TX',
      title: 'Texas vehicle sales tax rules',
      url: tx.sources[0],
    });
    // Written once: a second start-up with the same calc data changes nothing.
    expect(await indexTaxRules(db, '2026-06-01')).toBe(false);
  });
});

describe('embeddings', () => {
  it('stores vectors at upload and re-ranks lexical candidates by meaning when a model is configured', async () => {
    const embedder = createEmbedder({
      baseUrl: llm.baseUrl,
      apiKey: 'k',
      model: 'scripted-embeddings',
    })!;
    const me = principal();
    const documents = new DocumentService(db, embedder);
    await documents.upload(me, {
      title: 'Lenders',
      format: 'MARKDOWN',
      content: doc('lender-guidelines.md'),
    });
    expect(llm.embeddingRequests.at(-1)).toHaveLength(3);
    const stored = await db.withTenant({ dealershipId: me.dealershipId }, (em) =>
      em.execute<{ n: string }[]>(
        'select count(*) as n from ai.document_chunks where embedding is not null',
      ),
    );
    expect(Number(stored[0]!.n)).toBe(3);
    const question = 'subprime lender pay stubs income proof';
    const hits = await new KnowledgeRetriever(db, embedder).search(me, question, 2);
    expect(llm.embeddingRequests.at(-1)).toEqual([question]);
    expect(hits[0]!.title).toBe(
      'Lenders › Lender Guidelines (desk reference) › Harbor Auto Finance',
    );
  });
});

describe('the assistant cites what it retrieved', () => {
  it('search_documents gives the model quoted passages and the reply their citations', async () => {
    const me = principal();
    const uploaded = await new DocumentService(db).upload(me, {
      title: 'Holds',
      format: 'MARKDOWN',
      content: doc('deposit-and-holds.md'),
    });
    script = (req) => {
      const last = lastMessage(req);
      if (last?.role !== 'tool') {
        return { toolCalls: [{ name: 'search_documents', arguments: { query: 'hold deposit' } }] };
      }
      const passages = JSON.parse(last.content!).result.passages as { quote: string }[];
      const fact = /at least \$500/.exec(passages.map((p) => p.quote).join(' '))?.[0];
      return { text: `A hold needs a deposit of ${fact}.` };
    };
    const assistant = assistantWith(
      db,
      recordingGraph({}),
      llm.baseUrl,
      {},
      new KnowledgeRetriever(db),
    );
    const reply = await assistant.ask(
      { principal: me, token: 't', requestId: 'r' },
      { message: 'How do I hold a car for a customer?' },
    );
    expect(reply.answer).toBe('A hold needs a deposit of at least $500.');
    expect(reply.toolCalls[0]).toMatchObject({ name: 'search_documents', ok: true });
    expect(reply.citations.length).toBeGreaterThan(0);
    expect(reply.citations[0]).toMatchObject({
      documentId: uploaded.id,
      title: expect.stringContaining('Holds › Deposits and Vehicle Holds'),
    });
  });
});
