// Keeps ai.tax_rule_passages in step with calc's rule table: at start-up the passages are written
// from calc's library when their digest differs from the stored one (a new calc release).
import type { Database } from '@autolytiq/kit';
import { replaceTaxPassages, taxPassagesDigest } from '../../store/knowledge-store.ts';
import { allTaxRulePassages, digestOf } from './tax-passages.ts';

export async function indexTaxRules(db: Database, today: string): Promise<boolean> {
  const passages = allTaxRulePassages(today);
  const digest = digestOf(passages);
  return db.asSystem(async (em) => {
    if ((await taxPassagesDigest(em)) === digest) return false;
    await replaceTaxPassages(em, passages, digest);
    return true;
  });
}
