// A rates provider answers "what are the sales tax rates at this address" over the network. The
// calc subgraph asks one (when configured) before the engine's shipped tables; the engine takes the
// answer as `providerRate` and marks its lines PROVIDER.
import type { ProviderRate } from '../../engine/index.ts';

export interface RateAddress {
  state: string;
  /** 5-digit ZIP. */
  zip: string;
  city?: string;
  street?: string;
}

export interface RatesProvider {
  /** As shown on the lines and notices ("TaxJar"). */
  readonly name: string;
  /** The rates at the address; rejects on a network, HTTP or protocol error, or on `signal`. */
  rateFor(address: RateAddress, signal: AbortSignal): Promise<ProviderRate>;
}

export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
