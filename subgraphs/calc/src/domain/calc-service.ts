// The calc subgraph's use of the engine: the dealership's own local rate (if it has one for the ZIP)
// is loaded under its tenant and handed to the pure engine; engine input errors become
// BAD_USER_INPUT naming the input field.
import { withInputErrors, type Database, type Principal } from '@autolytiq/kit';
import {
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
  type PaymentGridInput,
  type TaxQuoteInput,
} from '../engine/index.ts';
import { localTaxCoverage } from '../engine/tax/coverage.ts';
import { localSources, type QuotePlace } from './local-sources.ts';
import type { CachedRates } from './rates/cached-rates.ts';

/** Runs an engine call, turning its input errors into typed GraphQL errors under `prefix`. */
export function engineCall<T>(prefix: string, fn: () => T): T {
  return withInputErrors(fn, (field) => (prefix ? `${prefix}.${field}` : field));
}

type WithoutRates<T> = Omit<T, 'localRates'>;

export class CalcService {
  constructor(
    private readonly db: Database,
    private readonly provider?: CachedRates,
  ) {}

  /** Dealership rate, else the provider's answer, for the deal's place (see local-sources.ts). */
  private sources(principal: Principal, place: QuotePlace) {
    return localSources(this.db, this.provider, principal, place);
  }

  supportedStates() {
    return supportedStates();
  }

  stateTaxRules(state: string, date?: string | null) {
    return engineCall('', () => stateTaxRules(state.toUpperCase(), date ?? undefined));
  }

  async taxQuote(principal: Principal, input: WithoutRates<TaxQuoteInput>) {
    const sources = await this.sources(principal, input);
    return engineCall('input', () => quoteTax({ ...input, ...sources }));
  }

  async cashDeal(principal: Principal, input: WithoutRates<CashDealInput>) {
    const sources = await this.sources(principal, input);
    return engineCall('input', () => cashDeal({ ...input, ...sources }));
  }

  async financeDeal(principal: Principal, input: WithoutRates<FinanceDealInput>) {
    const sources = await this.sources(principal, input);
    return engineCall('input', () => financeDeal({ ...input, ...sources }));
  }

  async leaseDeal(principal: Principal, input: WithoutRates<LeaseDealInput>) {
    const sources = await this.sources(principal, input);
    return engineCall('input', () => leaseDeal({ ...input, ...sources }));
  }

  async paymentGrid(principal: Principal, input: PaymentGridInput) {
    const sources = await this.sources(principal, input);
    return engineCall('input', () => paymentGrid({ ...input, ...sources } as PaymentGridInput));
  }

  /** The provider's answer for an address, exactly as taxQuote would use it (see the schema). */
  async providerLocalRate(
    principal: Principal,
    place: { state: string; zip: string; city?: string | null; date?: string | null },
  ) {
    const sources = await this.sources(principal, {
      state: place.state,
      zip: place.zip,
      city: place.city ?? undefined,
      dealDate: place.date ?? undefined,
    });
    return {
      rate: sources.providerRate ? { stale: false, ...sources.providerRate } : null,
      notice: sources.providerNotice ?? null,
    };
  }

  /** What the shipped local tables cover in a state (admin view), and the provider in use. */
  localTaxCoverage(state: string, date?: string | null) {
    const asOf = date ?? new Date().toISOString().slice(0, 10);
    return engineCall('', () => ({
      ...localTaxCoverage(state.toUpperCase(), asOf),
      provider: this.provider?.name ?? null,
    }));
  }

  aprFromSchedule(input: AprFromScheduleInput) {
    return engineCall('input', () => aprFromSchedule(input));
  }
}
