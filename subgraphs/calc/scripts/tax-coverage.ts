// Prints, per state, the rule version in force on a date (default today), whether its figures were
// checked against the cited source, and what was assumed; then what the shipped local vehicle tax
// tables cover, weighted by 2020 Census population, and the national figure.
// Run: npx tsx subgraphs/calc/scripts/tax-coverage.ts [date]
import { ALL_RECORDS } from '../src/engine/tax/rules.ts';
import { stateTaxRules } from '../src/engine/tax/index.ts';
import { localTaxCoverage } from '../src/engine/tax/coverage.ts';

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

console.log(`\nLocal vehicle tax coverage on ${date} (share of 2020 Census population):`);
let pop = 0;
let covered = 0;
let verifiedPop = 0;
for (const rec of ALL_RECORDS) {
  const c = localTaxCoverage(rec.state, date);
  pop += c.population;
  covered += c.coveredPopulation;
  verifiedPop += c.verifiedPopulation;
  if (!c.localTaxApplies) continue;
  const pct = (n: number) => `${((100 * n) / c.population).toFixed(1)}%`.padStart(6);
  console.log(
    `${c.state} ${pct(c.coveredPopulation)} covered (${pct(c.verifiedPopulation)} verified) ${(c.situs ?? 'situs not researched').padEnd(20)} from ${c.coveredFrom ?? '—'.padEnd(10)}  ${c.shipped}`,
  );
}
const share = (n: number) => `${((100 * n) / pop).toFixed(1)}%`;
console.log(
  `US: ${share(covered)} of the population covered for vehicle local tax (${(covered / 1e6).toFixed(1)}M of ${(pop / 1e6).toFixed(1)}M; ${share(verifiedPop)} by verified data or no local tax); states without local vehicle tax count as covered`,
);
