// Title and registration fees for a deal: the deal's own figure when given, else the state fee
// table (fees-data.ts), else zero with a notice — never a silent guess.
import type { Decimal } from 'decimal.js';
import { CalcInputError } from './errors.ts';
import { Dec, ZERO } from './decimal.ts';
import { parseMoney } from './money.ts';
import { FEE_RULES, STATE_CODES, type FeeKind, type FeeRule } from './fees-data.ts';

export interface GovernmentFeeInput {
  state: string;
  /** ISO date of the deal: selects the rule in effect. */
  dealDate: string;
  titleFee?: unknown;
  registrationFee?: unknown;
  vehicleWeightLbs?: number;
  /** Tier name for county-dependent fees (e.g. TX "NONATTAINMENT_COUNTY"). */
  feeTier?: string;
}

export interface GovernmentFee {
  kind: FeeKind;
  amount: Decimal;
  /** Where the amount came from: the deal ("input"), the fee table ("table"), or nowhere ("unknown"). */
  origin: 'input' | 'table' | 'unknown';
  description: string;
  source: string | null;
}

export function validateState(state: unknown, field = 'state'): string {
  if (typeof state !== 'string' || !STATE_CODES.includes(state)) {
    throw new CalcInputError(field, `${field} must be a US state or DC postal code (e.g. "TX")`);
  }
  return state;
}

export function governmentFees(input: GovernmentFeeInput): {
  fees: GovernmentFee[];
  notices: string[];
} {
  const notices: string[] = [];
  const fees = (['TITLE', 'REGISTRATION'] as const).map((kind) => {
    const given = kind === 'TITLE' ? input.titleFee : input.registrationFee;
    const field = kind === 'TITLE' ? 'titleFee' : 'registrationFee';
    if (given !== undefined && given !== null) {
      const amount = parseMoney(given, field);
      return {
        kind,
        amount,
        origin: 'input' as const,
        description: `${field} as entered`,
        source: null,
      };
    }
    return fromTable(kind, input, notices);
  });
  return { fees, notices };
}

function fromTable(kind: FeeKind, input: GovernmentFeeInput, notices: string[]): GovernmentFee {
  const rule = FEE_RULES.find(
    (r) => r.state === input.state && r.kind === kind && inEffect(r, input.dealDate),
  );
  const label = kind === 'TITLE' ? 'title fee' : 'registration fee';
  if (!rule) {
    notices.push(`${input.state} ${label} is not in the fee table; enter it (not included)`);
    return unknownFee(kind, label);
  }
  const amount = pickTier(rule, input);
  if (!amount) {
    notices.push(`${input.state} ${label} depends on ${needs(rule)} (not included)`);
    return unknownFee(kind, label);
  }
  return { kind, amount, origin: 'table', description: rule.description, source: rule.source };
}

function unknownFee(kind: FeeKind, label: string): GovernmentFee {
  return { kind, amount: ZERO, origin: 'unknown', description: `${label} unknown`, source: null };
}

function inEffect(rule: FeeRule, dealDate: string): boolean {
  // ISO dates compare correctly as strings.
  return (
    (!rule.effectiveFrom || rule.effectiveFrom <= dealDate) &&
    (!rule.effectiveTo || dealDate < rule.effectiveTo)
  );
}

function pickTier(rule: FeeRule, input: GovernmentFeeInput): Decimal | undefined {
  if (rule.basis === 'FLAT') return new Dec(rule.tiers[0]!.amount);
  if (rule.basis === 'BY_TIER') {
    const tier = rule.tiers.find((t) => t.tier === input.feeTier);
    return tier ? new Dec(tier.amount) : undefined;
  }
  const weight = input.vehicleWeightLbs;
  if (typeof weight !== 'number' || !(weight > 0)) return undefined;
  const band = rule.tiers.find((t) => t.maxWeightLbs === undefined || weight <= t.maxWeightLbs);
  return band ? new Dec(band.amount) : undefined;
}

/** What the fee depends on, in the words a buyer would understand (notices reach the desk). */
function needs(rule: FeeRule): string {
  if (rule.basis === 'BY_WEIGHT') return "the vehicle's weight; enter the fee";
  const choices = rule.tiers.map((t) => `$${t.amount} for ${t.label ?? t.tier}`).join(', ');
  return `${rule.dependsOn ?? 'a choice the fee table lists'} (${choices}); choose it or enter the fee`;
}

/**
 * A state's tiered fee (TX title by the buyer's county, MO registration by horsepower) as what it
 * depends on and the choices, for the desk to ask in plain words; null when the fee is not tiered.
 */
export function feeChoices(
  state: string,
  kind: FeeKind,
  dealDate: string,
): { dependsOn: string; choices: Array<{ label: string; amount: string }> } | null {
  const rule = FEE_RULES.find(
    (r) => r.state === state && r.kind === kind && r.basis === 'BY_TIER' && inEffect(r, dealDate),
  );
  if (!rule) return null;
  return {
    dependsOn: rule.dependsOn ?? 'a choice the fee table lists',
    choices: rule.tiers.map((t) => ({ label: t.label ?? t.tier ?? '', amount: t.amount })),
  };
}
