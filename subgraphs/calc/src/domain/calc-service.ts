// The calc subgraph's use of the engine: the dealership's own local rate (if it has one for the ZIP)
// is loaded under its tenant and handed to the pure engine; engine input errors become
// BAD_USER_INPUT naming the input field.
import { badInput, tenantOf, type Database, type Principal } from '@autolytiq/kit';
import {
  CalcInputError,
  TableLocalRateLookup,
  aprFromSchedule,
  cashDeal,
  financeDeal,
  leaseDeal,
  paymentGrid,
  quoteTax,
  stateTaxRules,
  supportedStates,
  type AprFromScheduleInput,
  type CashDealInput,
  type FinanceDealInput,
  type LeaseDealInput,
  type LocalRateLookup,
  type PaymentGridInput,
  type TaxQuoteInput,
} from '../engine/index.ts';
import { localTaxCoverage } from '../engine/tax/coverage.ts';
import { findRate } from '../store/local-rates-store.ts';

/** Runs an engine call, turning its input errors into typed GraphQL errors under `prefix`. */
export function engineCall<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CalcInputError)
      throw badInput(prefix ? `${prefix}.${error.field}` : error.field, error.message);
    throw error;
  }
}

type WithoutRates<T> = Omit<T, 'localRates'>;

export class CalcService {
  constructor(private readonly db: Database) {}

  /** The dealership's override for this state and ZIP, as a lookup the engine can use. */
  private async dealerRates(
    principal: Principal,
    state: unknown,
    zip: unknown,
  ): Promise<LocalRateLookup | undefined> {
    if (typeof state !== 'string' || typeof zip !== 'string' || !/^\d{5}/.test(zip))
      return undefined;
    const row = await this.db.withTenant(tenantOf(principal), (em) =>
      findRate(em, state.toUpperCase(), zip.slice(0, 5)),
    );
    return row ? new TableLocalRateLookup([row]) : undefined;
  }

  supportedStates() {
    return supportedStates();
  }

  stateTaxRules(state: string, date?: string | null) {
    return engineCall('', () => stateTaxRules(state.toUpperCase(), date ?? undefined));
  }

  async taxQuote(principal: Principal, input: WithoutRates<TaxQuoteInput>) {
    const localRates = await this.dealerRates(principal, input.state, input.zip);
    return engineCall('input', () => quoteTax({ ...input, localRates }));
  }

  async cashDeal(principal: Principal, input: WithoutRates<CashDealInput>) {
    const localRates = await this.dealerRates(principal, input.state, input.zip);
    return engineCall('input', () => cashDeal({ ...input, localRates }));
  }

  async financeDeal(principal: Principal, input: WithoutRates<FinanceDealInput>) {
    const localRates = await this.dealerRates(principal, input.state, input.zip);
    return engineCall('input', () => financeDeal({ ...input, localRates }));
  }

  async leaseDeal(principal: Principal, input: WithoutRates<LeaseDealInput>) {
    const localRates = await this.dealerRates(principal, input.state, input.zip);
    return engineCall('input', () => leaseDeal({ ...input, localRates }));
  }

  async paymentGrid(principal: Principal, input: PaymentGridInput) {
    const localRates = await this.dealerRates(principal, input.state, input.zip);
    return engineCall('input', () => paymentGrid({ ...input, localRates } as PaymentGridInput));
  }

  /** What the shipped local tables cover in a state (admin view), and the provider in use. */
  localTaxCoverage(state: string, date?: string | null) {
    const asOf = date ?? new Date().toISOString().slice(0, 10);
    return engineCall('', () => ({
      ...localTaxCoverage(state.toUpperCase(), asOf),
      provider: null as string | null,
    }));
  }

  aprFromSchedule(input: AprFromScheduleInput) {
    return engineCall('input', () => aprFromSchedule(input));
  }
}
