import { Migration0001Conversations } from './0001-conversations.ts';
import { Migration0070Knowledge } from './0070-knowledge.ts';
import { Migration0071KnowledgeTerms } from './0071-knowledge-terms.ts';
import { Migration0072FuzzyWords } from './0072-fuzzy-words.ts';

export const migrations = [
  { name: '0001-conversations', class: Migration0001Conversations },
  { name: '0070-knowledge', class: Migration0070Knowledge },
  { name: '0071-knowledge-terms', class: Migration0071KnowledgeTerms },
  { name: '0072-fuzzy-words', class: Migration0072FuzzyWords },
];
