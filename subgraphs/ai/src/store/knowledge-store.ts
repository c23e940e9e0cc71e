// ai.documents, ai.document_chunks (per dealership: always inside withTenant, RLS decides what
// exists) and ai.tax_rule_passages (shared by every dealership, rewritten from calc's data).
import type { EntityManager } from '@autolytiq/kit';
import type { Chunk } from '../domain/knowledge/chunking.ts';
import type { TaxRulePassage } from '../domain/knowledge/tax-passages.ts';

export type DocumentFormat = 'TEXT' | 'MARKDOWN' | 'PDF';

export interface DocumentRecord {
  id: string;
  title: string;
  format: DocumentFormat;
  characters: number;
  chunkCount: number;
  /** The uploader's username. */
  uploadedBy: string | null;
  createdAt: Date;
}

interface DocumentRow {
  id: string;
  title: string;
  format: DocumentFormat;
  characters: number;
  chunk_count: number;
  uploaded_by_name: string | null;
  created_at: Date;
}

const DOCUMENT_COLUMNS = 'id, title, format, characters, chunk_count, uploaded_by_name, created_at';

const toDocument = (r: DocumentRow): DocumentRecord => ({
  id: r.id,
  title: r.title,
  format: r.format,
  characters: r.characters,
  chunkCount: r.chunk_count,
  uploadedBy: r.uploaded_by_name,
  createdAt: new Date(r.created_at),
});

export async function insertDocument(
  em: EntityManager,
  values: {
    dealershipId: string;
    title: string;
    format: DocumentFormat;
    characters: number;
    chunkCount: number;
    uploaderId: string | null;
    uploaderName: string | null;
  },
): Promise<DocumentRecord> {
  const [row] = await em.execute<DocumentRow[]>(
    `insert into ai.documents (dealership_id, title, format, characters, chunk_count, uploaded_by, uploaded_by_name)
     values (?, ?, ?, ?, ?, ?, ?) returning ${DOCUMENT_COLUMNS}`,
    [
      values.dealershipId,
      values.title,
      values.format,
      values.characters,
      values.chunkCount,
      values.uploaderId,
      values.uploaderName,
    ],
  );
  return toDocument(row!);
}

const CHUNK_BATCH = 200;

/** Inserts the chunks in multi-row batches; `embeddings[i]` belongs to `chunks[i]` when given. */
export async function insertChunks(
  em: EntityManager,
  dealershipId: string,
  documentId: string,
  chunks: readonly Chunk[],
  embeddings: readonly (readonly number[])[] | null,
): Promise<void> {
  for (let start = 0; start < chunks.length; start += CHUNK_BATCH) {
    const batch = chunks.slice(start, start + CHUNK_BATCH);
    const params: unknown[] = [];
    const rows = batch.map((c, i) => {
      const vector = embeddings?.[start + i];
      params.push(
        dealershipId,
        documentId,
        c.ordinal,
        c.heading,
        c.text,
        vector ? `{${vector.join(',')}}` : null,
      );
      return '(?, ?, ?, ?, ?, ?::real[])';
    });
    await em.execute(
      `insert into ai.document_chunks (dealership_id, document_id, ordinal, heading, text, embedding)
       values ${rows.join(', ')}`,
      params,
    );
  }
  await countTerms(em, dealershipId, documentId, +1);
}

/**
 * Adds (+1) or takes away (-1) the document's chunks from the dealership's word counts. Rows are
 * touched in lexeme order, so two uploads at once lock them in the same order (no deadlock).
 */
export async function countTerms(
  em: EntityManager,
  dealershipId: string,
  documentId: string,
  sign: 1 | -1,
): Promise<void> {
  const perWord = `select w.lexeme, count(*)::int as n
      from ai.document_chunks c, unnest(tsvector_to_array(c.tsv)) as w (lexeme)
     where c.document_id = ? group by w.lexeme order by w.lexeme`;
  if (sign > 0) {
    await em.execute(
      `insert into ai.knowledge_terms (dealership_id, lexeme, chunks)
       select ?, x.lexeme, x.n from (${perWord}) x
       on conflict (dealership_id, lexeme) do update set chunks = ai.knowledge_terms.chunks + excluded.chunks`,
      [dealershipId, documentId],
    );
    return;
  }
  await em.execute(
    `update ai.knowledge_terms k set chunks = greatest(k.chunks - x.n, 0)
       from (${perWord}) x where k.dealership_id = ? and k.lexeme = x.lexeme`,
    [documentId, dealershipId],
  );
  await em.execute('delete from ai.knowledge_terms where dealership_id = ? and chunks = 0', [
    dealershipId,
  ]);
}

/** The dealership's chunk counts of the question's words (stemmed as the index stems), rarest first. */
export async function termCounts(
  em: EntityManager,
  words: string,
): Promise<{ lexeme: string; chunks: number }[]> {
  return em.execute(
    `select lexeme, chunks from ai.knowledge_terms
      where lexeme = any(tsvector_to_array(to_tsvector('english', ?)))
      order by chunks, lexeme`,
    [words],
  );
}

export async function listDocuments(em: EntityManager, limit: number): Promise<DocumentRecord[]> {
  const rows = await em.execute<DocumentRow[]>(
    `select ${DOCUMENT_COLUMNS} from ai.documents order by created_at desc, id desc limit ?`,
    [limit],
  );
  return rows.map(toDocument);
}

export async function deleteDocument(
  em: EntityManager,
  id: string,
): Promise<DocumentRecord | null> {
  const [owner] = await em.execute<{ dealership_id: string }[]>(
    'select dealership_id from ai.documents where id = ?',
    [id],
  );
  if (!owner) return null;
  // Its words leave the counts before its chunks go (they are what is counted).
  await countTerms(em, owner.dealership_id, id, -1);
  const [row] = await em.execute<DocumentRow[]>(
    `delete from ai.documents where id = ? returning ${DOCUMENT_COLUMNS}`,
    [id],
  );
  return row ? toDocument(row) : null;
}

export interface PassageRow {
  document_id: string;
  title: string;
  heading: string;
  text: string;
  snippet: string;
  url: string | null;
  score: number;
  embedding: number[] | null;
}

const HEADLINE =
  'MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … ", StartSel="", StopSel=""';

/**
 * Full-text matches among the dealership's chunks (`chunkQuery`: lexemes joined by |, already
 * stemmed, so the 'simple' configuration) and the tax rules (`taxQuery`: the question's words),
 * best first; either may be null (not searched).
 */
export async function searchByText(
  em: EntityManager,
  chunkQuery: string | null,
  taxQuery: string | null,
  limit: number,
  withEmbeddings: boolean,
): Promise<PassageRow[]> {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (chunkQuery) {
    parts.push(`(select c.document_id::text as document_id, d.title, c.heading, c.text,
               null::text as url, ts_rank(c.tsv, to_tsquery('simple', ?)) as score,
               ${withEmbeddings ? 'c.embedding' : 'null::real[]'} as embedding
          from ai.document_chunks c join ai.documents d on d.id = c.document_id
         where c.tsv @@ to_tsquery('simple', ?) order by score desc limit ?)`);
    params.push(chunkQuery, chunkQuery, limit);
  }
  if (taxQuery) {
    parts.push(`(select 'tax-rules-' || t.state as document_id, t.title, t.title as heading, t.text,
               t.sources[1] as url, ts_rank(t.tsv, to_tsquery('english', ?)) as score,
               null::real[] as embedding
          from ai.tax_rule_passages t
         where t.tsv @@ to_tsquery('english', ?) order by score desc limit ?)`);
    params.push(taxQuery, taxQuery, limit);
  }
  if (parts.length === 0) return [];
  // The snippet shows the question's words (or, without them, the words the chunks were found by).
  const [config, words] = taxQuery ? ['english', taxQuery] : ['simple', chunkQuery];
  return em.execute<PassageRow[]>(
    // ts_headline re-parses each text: only for the passages returned, after the limit.
    `with hits as (${parts.join(' union all ')})
     select h.*, ts_headline('english', h.text, to_tsquery('${config}', ?), '${HEADLINE}') as snippet
       from (select * from hits order by score desc limit ?) h order by h.score desc`,
    [...params, words, limit],
  );
}

/**
 * The dealership's words closest to a misspelt one (pg_trgm similarity over its vocabulary, a few
 * thousand short rows), with their chunk counts: "deductibel" → deductibl.
 */
export async function similarTerms(
  em: EntityManager,
  word: string,
  limit = 3,
): Promise<{ lexeme: string; chunks: number }[]> {
  return em.execute(
    `select lexeme, chunks from ai.knowledge_terms
      where lexeme operator(public.%) ?
      order by public.similarity(lexeme, ?) desc, chunks limit ?`,
    [word, word, limit],
  );
}

export async function taxPassagesDigest(em: EntityManager): Promise<string | null> {
  const [row] = await em.execute<{ digest: string }[]>(
    'select digest from ai.tax_rule_passages limit 1',
  );
  return row?.digest ?? null;
}

export async function replaceTaxPassages(
  em: EntityManager,
  passages: readonly TaxRulePassage[],
  digest: string,
): Promise<void> {
  // Replicas starting together: one writes, the others wait and then find the digest current.
  await em.execute("select pg_advisory_xact_lock(hashtext('ai.tax_rule_passages'))");
  if ((await taxPassagesDigest(em)) === digest) return;
  await em.execute('delete from ai.tax_rule_passages');
  for (const p of passages) {
    await em.execute(
      'insert into ai.tax_rule_passages (state, title, text, sources, digest) values (?, ?, ?, ?::text[], ?)',
      [p.state, p.title, p.text, `{${p.sources.map((s) => JSON.stringify(s)).join(',')}}`, digest],
    );
  }
}
