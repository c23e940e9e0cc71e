// How many of a dealership's chunks hold each word (its document frequency), kept at upload and
// delete. The retriever searches with the question's rarer words only, up to a budget of candidate
// chunks: ranking every chunk that shares a common word ("vehicle", "customer") with the question
// is what made a search over 10,000 chunks slow, and those words say little about relevance (the
// idea of IDF). Per dealership under forced RLS, like the chunks.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0071KnowledgeTerms extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table ai.knowledge_terms (
        dealership_id uuid not null,
        lexeme text not null,
        chunks integer not null check (chunks >= 0),
        primary key (dealership_id, lexeme)
      )`);
    // Chunks written before this table existed (visible to a migration run by a superuser; under a
    // non-bypassing owner RLS hides them and re-uploading those documents counts them).
    this.addSql(`
      insert into ai.knowledge_terms (dealership_id, lexeme, chunks)
      select c.dealership_id, w.lexeme, count(*)
        from ai.document_chunks c, unnest(tsvector_to_array(c.tsv)) as w (lexeme)
       group by c.dealership_id, w.lexeme`);
    for (const sql of tenantTableSql('ai.knowledge_terms')) this.addSql(sql);
  }
}
