// Public API of the tax part of the calc engine (pure: no I/O at call time; runs in a browser).
export type * from './types.ts';
export type {
  StateRuleVersion,
  StateTaxRecord,
  TaxRegime,
  TradeInCredit,
  LeaseRule,
  LocalTaxRule,
  RuleNotice,
  WeightBand,
} from './schema.ts';
export { validateRecord } from './schema.ts';
export { quoteTax } from './quote.ts';
export { leaseTaxTreatment } from './lease.ts';
export { supportedStates, stateTaxRules, type StateTaxRulesView } from './rules.ts';
export { resolveZip, type ZipPlace } from './zip.ts';
export { localTaxFollowsDealer } from './shipped-local.ts';
export {
  parseLocalRateCsv,
  TableLocalRateLookup,
  type CsvRowError,
  type LocalRateCsvResult,
} from './csv.ts';
