// Prints, per state, the rule version in force on a date (default today), whether its figures were
// checked against the cited source, and what was assumed. Run: npx tsx subgraphs/calc/scripts/tax-coverage.ts [date]
import { ALL_RECORDS } from '../src/engine/tax/rules.ts';
import { stateTaxRules } from '../src/engine/tax/index.ts';

const date = process.argv[2] ?? new Date().toISOString().slice(0, 10);
let verified = 0;
for (const rec of ALL_RECORDS) {
  const v = stateTaxRules(rec.state, date).current;
  if (v.verified) verified++;
  console.log(
    `${rec.state} ${v.regime.padEnd(9)} ${v.stateRate.padEnd(7)} trade=${v.tradeIn.kind.padEnd(9)} lease=${v.lease.method.padEnd(22)} ${v.verified ? 'VERIFIED  ' : 'unverified'} ${(v.assumptions ?? []).join(' | ')}`,
  );
}
console.log(
  `${verified}/${ALL_RECORDS.length} current versions verified against their cited source`,
);
