// The one retriever the assistant uses: the dealership's document chunks and calc's tax-rule
// passages, by PostgreSQL full-text search (any of the question's words, ranked), with pg_trgm
// similarity to the dealership's vocabulary as the fallback for misspelt words when full text finds
// too little. When an embeddings
// model is configured the lexical candidates are re-ranked by cosine similarity to the question.
// Only the question's rarer words search the chunks (CANDIDATE_BUDGET, as IDF would weigh them).
// Runs inside the caller's tenant transaction: RLS shows only their dealership's documents.
import type { Database } from '@autolytiq/kit';
import type { KnowledgeHit, KnowledgeSearch } from './types.ts';
import {
  searchByText,
  similarTerms,
  termCounts,
  type PassageRow,
} from '../../store/knowledge-store.ts';
import { cosine, type Embedder } from './embedder.ts';

const MAX_WORDS = 32;
/** Lexical candidates kept for re-ranking by embeddings. */
const RERANK_POOL = 24;

/** The question's words (letters and digits only, so nothing reaches to_tsquery's syntax). */
export function queryWords(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2))].slice(0, MAX_WORDS);
}

/** Any of the words (OR): a question's words rarely all occur in one passage. */
export const orQuery = (words: readonly string[]) => words.join(' | ');

/**
 * Chunks ranked per search at most (about): the question's words are taken rarest first while the
 * chunks holding them add up to this; the rarest is always taken. Common words match thousands of
 * chunks and rank them all, for little relevance (see migration 0071).
 */
export const CANDIDATE_BUDGET = 600;

export function rarestWords(
  counts: readonly { lexeme: string; chunks: number }[],
  budget = CANDIDATE_BUDGET,
): string[] {
  const kept: string[] = [];
  let total = 0;
  for (const { lexeme, chunks } of counts) {
    if (kept.length > 0 && total + chunks > budget) break;
    kept.push(lexeme);
    total += chunks;
  }
  return kept;
}

export class KnowledgeRetriever implements KnowledgeSearch {
  constructor(
    private readonly db: Database,
    private readonly embedder: Embedder | null = null,
  ) {}

  async search(
    who: { dealershipId: string },
    query: string,
    limit: number,
  ): Promise<KnowledgeHit[]> {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const pool = this.embedder ? Math.max(limit, RERANK_POOL) : limit;
    const rows = await this.db.withTenant(
      { dealershipId: who.dealershipId, userId: null },
      async (em) => {
        const counts = await termCounts(em, words.join(' '));
        const kept = rarestWords(counts);
        const taxQuery = orQuery(words);
        const withVectors = this.embedder !== null;
        let found: PassageRow[] = [];
        // Every word common (even the rarest is in more chunks than the budget): chunks holding
        // the two rarest together first — far fewer to rank — and only if too few, the rarest.
        if (counts.length >= 2 && counts[0]!.chunks > CANDIDATE_BUDGET) {
          const both = `${counts[0]!.lexeme} & ${counts[1]!.lexeme}`;
          found = await searchByText(em, both, taxQuery, pool, withVectors);
        }
        if (found.length < limit) {
          const chunkQuery = kept.length > 0 ? orQuery(kept) : null;
          found = await searchByText(em, chunkQuery, taxQuery, pool, withVectors);
        }
        if (found.length >= limit) return found;
        // Too little: the question's longer words may be misspelt. Their nearest words in the
        // dealership's vocabulary search the chunks (the tax rules were searched already).
        const known = new Set(kept);
        const long = words.filter((w) => w.length >= 5 && !/^\d+$/.test(w)).slice(0, 4);
        const near: { lexeme: string; chunks: number }[] = [];
        for (const w of long) near.push(...(await similarTerms(em, w)));
        near.sort((a, b) => a.chunks - b.chunks);
        const fuzzy = rarestWords(near.filter((t) => !known.has(t.lexeme)));
        if (fuzzy.length === 0) return found;
        const seen = new Set(found.map((r) => r.text));
        const more = await searchByText(em, orQuery(fuzzy), null, limit, this.embedder !== null);
        return [...found, ...more.filter((r) => !seen.has(r.text))];
      },
    );
    const ranked = this.embedder ? await this.rerank(query, rows) : rows;
    return ranked.slice(0, limit).map((r) => ({
      documentId: r.document_id,
      title: r.heading === r.title ? r.title : r.heading,
      snippet: r.snippet.replace(/\s+/g, ' ').trim(),
      text: r.text,
      url: r.url,
    }));
  }

  /** Half lexical rank (scaled to the best), half cosine; a chunk without a vector keeps its rank. */
  private async rerank(query: string, rows: PassageRow[]): Promise<PassageRow[]> {
    if (rows.length < 2) return rows;
    const [q] = await this.embedder!.embed([query]);
    const best = Math.max(...rows.map((r) => Number(r.score))) || 1;
    const scored = rows.map((r) => {
      const lexical = Number(r.score) / best;
      const meaning = r.embedding ? cosine(q!, r.embedding) : lexical;
      return { r, s: 0.5 * lexical + 0.5 * meaning };
    });
    return scored.sort((a, b) => b.s - a.s).map((x) => x.r);
  }
}
