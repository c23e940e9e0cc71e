// Local rates the engine ships, keyed by state and county name (as the ZIP index spells it). Only
// rates we could tie to a publication are here; anywhere else the quote says the local rate is
// unknown. A dealership's own table (input.localRates) always wins over these.
import type { TaxLineKind } from '../types.ts';

export interface ShippedLocalRate {
  state: string;
  county: string;
  effectiveFrom: string;
  /** Inclusive last day; absent = in force. */
  effectiveTo?: string;
  lines: Array<{ kind: TaxLineKind; name: string; rate: string }>;
  source: string;
  verified: boolean;
  /** Said to the salesperson with the quote (e.g. "cities X and Y levy more"). */
  note?: string;
}

const FL_DSS = 'https://floridarevenue.com/taxes/taxesfees/Pages/discretionary.aspx';
const TN_RATES =
  'https://www.tn.gov/revenue/taxes/sales-and-use-tax/local-sales-tax-and-single-article.html';
const NY_718 = 'https://www.tax.ny.gov/pdf/publications/sales/pub718.pdf';
const CA_RATES = 'https://www.cdtfa.ca.gov/taxes-and-fees/rates.aspx';
const HI_SURCHARGE = 'https://tax.hawaii.gov/geninfo/countysurcharge/';

/** Florida county discretionary sales surtax (DR-15DSS, calendar 2024/2025 editions, from memory
 *  of the form: each rate should be re-checked against the current DR-15DSS every January). */
const FL: Array<[string, string]> = [
  ['Miami-Dade', '0.01'],
  ['Broward', '0.01'],
  ['Hillsborough', '0.015'],
  ['Orange', '0.005'],
  ['Pinellas', '0.01'],
  ['Duval', '0.015'],
  ['Lee', '0.005'],
  ['Leon', '0.015'],
  ['Seminole', '0.01'],
  ['Sarasota', '0.01'],
];

/** New York local rates (Publication 718): county/city rate + MCTD 0.375% where it applies. */
const NY: Array<[string, string, boolean, string?]> = [
  ['New York', '0.045', true, 'New York City'],
  ['Kings', '0.045', true, 'New York City'],
  ['Queens', '0.045', true, 'New York City'],
  ['Bronx', '0.045', true, 'New York City'],
  ['Richmond', '0.045', true, 'New York City'],
  ['Nassau', '0.0425', true],
  ['Suffolk', '0.0425', true],
  ['Westchester', '0.04', true],
  ['Erie', '0.0475', false],
  ['Monroe', '0.04', false],
  ['Albany', '0.04', false],
  ['Onondaga', '0.04', false],
];

export const SHIPPED_LOCAL_RATES: ShippedLocalRate[] = [
  ...FL.map(([county, rate]) => ({
    state: 'FL',
    county,
    effectiveFrom: '2024-01-01',
    lines: [{ kind: 'COUNTY' as const, name: `${county} County discretionary sales surtax`, rate }],
    source: FL_DSS,
    verified: false,
  })),
  {
    state: 'TN',
    county: 'Davidson',
    effectiveFrom: '2020-01-01',
    lines: [{ kind: 'COUNTY', name: 'Metro Nashville-Davidson local option tax', rate: '0.0225' }],
    source: TN_RATES,
    verified: true,
  },
  ...['Knox', 'Hamilton', 'Shelby'].map((county) => ({
    state: 'TN',
    county,
    effectiveFrom: '2020-01-01',
    lines: [{ kind: 'COUNTY' as const, name: `${county} County local option tax`, rate: '0.0225' }],
    source: TN_RATES,
    verified: false,
    note: 'county rate; a city inside the county may levy a different local rate (e.g. Memphis)',
  })),
  ...NY.map(([county, rate, mctd, city]) => ({
    state: 'NY',
    county,
    effectiveFrom: '2020-01-01',
    lines: [
      {
        kind: (city ? 'CITY' : 'COUNTY') as 'CITY' | 'COUNTY',
        name: city ?? `${county} County`,
        rate,
      },
      ...(mctd
        ? [
            {
              kind: 'DISTRICT' as const,
              name: 'Metropolitan Commuter Transportation District',
              rate: '0.00375',
            },
          ]
        : []),
    ],
    source: NY_718,
    verified: false,
    ...(county === 'Westchester'
      ? { note: 'Yonkers, Mount Vernon, New Rochelle and White Plains levy more' }
      : {}),
  })),
  {
    state: 'CA',
    county: 'Los Angeles',
    effectiveFrom: '2017-10-01',
    effectiveTo: '2025-03-31',
    lines: [{ kind: 'DISTRICT', name: 'Los Angeles County district taxes', rate: '0.0225' }],
    source: CA_RATES,
    verified: false,
    note: 'many LA County cities add their own district tax',
  },
  {
    state: 'CA',
    county: 'Los Angeles',
    effectiveFrom: '2025-04-01',
    lines: [
      { kind: 'DISTRICT', name: 'Los Angeles County district taxes (Measure A)', rate: '0.025' },
    ],
    source: CA_RATES,
    verified: false,
    note: 'many LA County cities add their own district tax',
  },
  ...['Orange', 'San Diego', 'Sacramento'].map((county) => ({
    state: 'CA',
    county,
    effectiveFrom: '2017-04-01',
    lines: [
      {
        kind: 'DISTRICT' as const,
        name: `${county} County transportation district tax`,
        rate: '0.005',
      },
    ],
    source: CA_RATES,
    verified: false,
    note: 'cities inside the county may add district taxes',
  })),
  ...[
    ['Honolulu', '2007-01-01'],
    ['Kauai', '2019-01-01'],
    ['Hawaii', '2019-01-01'],
    ['Maui', '2024-01-01'],
  ].map(([county, from]) => ({
    state: 'HI',
    county: county!,
    effectiveFrom: from!,
    lines: [{ kind: 'COUNTY' as const, name: `${county} County GET surcharge`, rate: '0.005' }],
    source: HI_SURCHARGE,
    verified: false,
  })),
];
