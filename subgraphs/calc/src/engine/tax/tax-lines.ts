// One tax line (rounded on its own), their sum, and the weight-banded rate some states use.
import type { Decimal } from 'decimal.js';
import type { CompiledVersion } from './rules.ts';
import type { TaxLine, TaxLineKind, TaxLineOrigin } from './types.ts';
import { ZERO, roundCents } from './validate.ts';

export function line(
  jurisdiction: string,
  kind: TaxLineKind,
  r: Decimal,
  base: Decimal,
  rule: string,
  source: string,
  amount?: Decimal,
  origin: TaxLineOrigin = 'STATE_RULE',
): TaxLine {
  return {
    jurisdiction,
    kind,
    rate: r,
    base,
    amount: amount ?? roundCents(base.times(r)),
    rule,
    source,
    origin,
  };
}

/** Weight-banded (and MPG-refined) rate; unknown weight/MPG fall back to a typical car (4,000 lb,
 *  21 MPG city) with a notice, so the quote still shows a number the desk can correct. */
export function weightRate(
  v: CompiledVersion,
  weight: number | undefined,
  mpg: number | undefined,
  notices: string[],
): Decimal {
  const w = weight ?? 4000;
  if (weight === undefined)
    notices.push(`${v.state}: curb weight not given; a 4,000 lb vehicle was assumed`);
  const band = v.weightBands!.find((b) => w >= b.minLbs && w < b.maxLbs)!;
  if (!band.byMpg) return band.rate;
  const m = mpg ?? 21;
  if (mpg === undefined) notices.push(`${v.state}: city MPG not given; 21 MPG was assumed`);
  const col = Math.floor(m);
  return (band.byMpg.find((x) => col >= x.minMpg) ?? band.byMpg[band.byMpg.length - 1]!).rate;
}

export function sumLines(lines: TaxLine[]): Decimal {
  let t = ZERO;
  for (const l of lines) t = t.plus(l.amount);
  return t;
}
