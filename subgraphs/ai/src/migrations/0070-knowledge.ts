// The dealership's knowledge for the assistant (RAG without pgvector): documents split into chunks,
// searched with PostgreSQL full-text search (a weighted tsvector, GIN) and pg_trgm (GIN, for
// misspelt words). `embedding` is filled only when an embeddings model is configured; the retriever
// then re-ranks the lexical candidates by cosine similarity. Both tables are per dealership under
// forced RLS. The tax rules' explanations (from calc's library) are the same for every dealership:
// `ai.tax_rule_passages` has no dealership_id and is rewritten from calc's data at start-up.
import { Migration, tenantTableSql } from '@autolytiq/kit';

export class Migration0070Knowledge extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm with schema public');
    this.addSql(`
      create table ai.documents (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        title text not null check (length(title) between 1 and 200),
        format text not null check (format in ('TEXT', 'MARKDOWN', 'PDF')),
        characters integer not null,
        chunk_count integer not null,
        uploaded_by uuid,
        uploaded_by_name text,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index documents_recent on ai.documents (dealership_id, created_at desc)');
    this.addSql(`
      create table ai.document_chunks (
        id uuid primary key default gen_random_uuid(),
        dealership_id uuid not null,
        document_id uuid not null references ai.documents (id) on delete cascade,
        ordinal integer not null,
        -- "Document title › section heading": weighted above the body in the ranking.
        heading text not null,
        text text not null,
        tsv tsvector generated always as (
          setweight(to_tsvector('english', heading), 'A') || setweight(to_tsvector('english', text), 'C')
        ) stored,
        embedding real[],
        unique (document_id, ordinal)
      )`);
    this.addSql('create index document_chunks_tsv on ai.document_chunks using gin (tsv)');
    this.addSql(
      'create index document_chunks_trgm on ai.document_chunks using gin (text public.gin_trgm_ops)',
    );
    this.addSql('create index document_chunks_tenant on ai.document_chunks (dealership_id)');
    for (const table of ['ai.documents', 'ai.document_chunks']) {
      for (const sql of tenantTableSql(table)) this.addSql(sql);
    }
    this.addSql(`
      create table ai.tax_rule_passages (
        state char(2) primary key,
        title text not null,
        text text not null,
        sources text[] not null,
        tsv tsvector generated always as (
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', text), 'C')
        ) stored,
        -- calc's data version the rows were written from (rewritten only when it changes).
        digest text not null
      )`);
    this.addSql('create index tax_rule_passages_tsv on ai.tax_rule_passages using gin (tsv)');
  }
}
