// The tax engine as the deal functions see it: injected, so deals can be computed (and tested)
// with any implementation of the two functions, and default to the real one in ./tax.
import type { LeaseTaxInput, LeaseTaxTreatment, TaxQuote, TaxQuoteInput } from './tax/types.ts';

export interface TaxFunctions {
  quoteTax(input: TaxQuoteInput): TaxQuote;
  leaseTaxTreatment(input: LeaseTaxInput): LeaseTaxTreatment;
}
