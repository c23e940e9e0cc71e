// Misspelt words are matched against the dealership's vocabulary (ai.knowledge_terms: one short row
// per distinct word) instead of every chunk's text: pg_trgm over 10,000 chunks of ~700 characters
// took 1.6–2.4 s per misspelt question in `npm run bench -- ai`; the chunk text index goes.
import { Migration } from '@autolytiq/kit';

export class Migration0072FuzzyWords extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create index knowledge_terms_trgm on ai.knowledge_terms using gin (lexeme public.gin_trgm_ops)',
    );
    this.addSql('drop index if exists ai.document_chunks_trgm');
  }
}
