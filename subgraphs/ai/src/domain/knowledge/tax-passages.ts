// The tax rules' explanations and sources, as passages the assistant can retrieve and cite: one per
// state, written in words from calc's rule table (read through calc's pure library entry, the
// sanctioned import). The same for every dealership; the digest says when calc's data changed.
import { createHash } from 'node:crypto';
import { stateTaxRules, supportedStates } from '@autolytiq/calc';

export interface TaxRulePassage {
  state: string;
  title: string;
  text: string;
  sources: string[];
}

type Rule = ReturnType<typeof stateTaxRules>['current'];

const pct = (fraction: string) => `${+(Number(fraction) * 100).toFixed(4)}%`;
const yesNo = (taxed: boolean) => (taxed ? 'taxed' : 'not taxed');

function tradeInText(rule: Rule): string {
  const t = rule.tradeIn;
  switch (t.kind) {
    case 'FULL':
      return 'The trade-in allowance is deducted in full from the taxable price.';
    case 'NONE':
      return 'No trade-in credit: tax is on the price before the trade-in.';
    case 'CAPPED':
      return `The trade-in credit is capped at $${t.cap}.`;
    case 'NEW_ONLY':
      return 'Trade-in credit only when the vehicle bought is new.';
    case 'USED_ONLY':
      return 'Trade-in credit only when the vehicle bought is used.';
  }
}

export function taxRulePassage(state: string, asOf: string): TaxRulePassage {
  const view = stateTaxRules(state, asOf);
  const r = view.current;
  const lines = [
    `${view.name} (${state}) vehicle sales tax: ${r.summary}.`,
    `Tax: ${r.taxName}, regime ${r.regime}, state rate ${pct(r.stateRate)}.`,
    `Local taxes: ${r.local.applies ? 'counties/cities may add their own rate' : 'none on vehicles'} (${r.local.note}).`,
    tradeInText(r),
    `Manufacturer rebates are ${r.manufacturerRebateTaxable ? 'taxed (they do not reduce the taxable price)' : 'not taxed (they reduce the taxable price)'}; dealer rebates are ${r.dealerRebateTaxable ? 'taxed' : 'not taxed'}.`,
    `Doc fee ${yesNo(r.docFee.taxable)}${r.docFee.cap ? `, capped at $${r.docFee.cap}` : ''}${r.docFee.capNote ? ` (${r.docFee.capNote})` : ''}. Service contracts ${yesNo(r.serviceContractTaxable)}; GAP ${yesNo(r.gapTaxable)}; accessories ${yesNo(r.accessoriesTaxable)}; negative equity ${yesNo(r.negativeEquityTaxable)}.`,
    `Leases (${r.lease.method}): ${r.lease.note}.`,
    ...(r.notices ?? []).map((n) => `Note${n.condition ? ` (${n.condition})` : ''}: ${n.text}`),
    ...(r.assumptions ?? []).map((a) => `Assumption: ${a}.`),
    `In force from ${r.effectiveFrom}${r.verified ? '; checked against the sources' : '; confirm against the sources'}.`,
  ];
  return {
    state,
    title: `${view.name} vehicle sales tax rules`,
    text: lines.join('\n'),
    sources: [...new Set([...r.sources, ...r.lease.sources])],
  };
}

export function allTaxRulePassages(asOf: string): TaxRulePassage[] {
  return supportedStates().map((s) => taxRulePassage(s, asOf));
}

export function digestOf(passages: readonly TaxRulePassage[]): string {
  return createHash('sha256').update(JSON.stringify(passages)).digest('hex').slice(0, 32);
}
