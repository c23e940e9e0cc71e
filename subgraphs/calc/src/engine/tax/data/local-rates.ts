// Local rates the engine ships, keyed by state and county name (as the ZIP index spells it). Only
// rates we could tie to a publication are here; anywhere else the quote says the local rate is
// unknown. A dealership's own table (input.localRates) always wins over these.
import type { TaxLineKind } from '../types.ts';

export interface ShippedLocalRate {
  state: string;
  county: string;
  /** A city's own levy inside the county (added to the county's lines when the buyer's city matches). */
  city?: string;
  effectiveFrom: string;
  /** Inclusive last day; absent = in force. */
  effectiveTo?: string;
  lines: Array<{ kind: TaxLineKind; name: string; rate: string }>;
  source: string;
  /** The revenue department's publication the rate was read from, by name. */
  publication?: string;
  verified: boolean;
  /** true when these lines are every vehicle levy of the county (or city): no city or district
   *  inside adds its own. Counts toward the coverage figure. */
  complete?: boolean;
  /** Last day the rate was confirmed against its source; later deals get a "re-check" notice. */
  confirmedThrough?: string;
  /** Said to the salesperson with the quote (e.g. "cities X and Y levy more"). */
  note?: string;
  /** A city entry whose lines are the whole local rate there: the county's lines are not added
   *  (CA: CDTFA lists each city's total, and the county's rate is its unincorporated area's). */
  replacesCounty?: boolean;
}

const FL_DSS = 'https://floridarevenue.com/taxes/taxesfees/Pages/discretionary.aspx';
const FL_TABLE = 'https://pointmatch.floridarevenue.com/General/DiscretionarySalesSurtaxRates.aspx';
const FL_MOFFA = 'https://moffataxlaw.com/county-tax-rates-florida-2025';
const TN_RATES =
  'https://www.tn.gov/revenue/taxes/sales-and-use-tax/local-sales-tax-and-single-article.html';
const NY_718 = 'https://www.tax.ny.gov/pdf/publications/sales/pub718.pdf';
const CA_RATES = 'https://www.cdtfa.ca.gov/taxes-and-fees/rates.aspx';
const HI_SURCHARGE = 'https://tax.hawaii.gov/geninfo/countysurcharge/';

/** Florida county discretionary sales surtax. FL_2025: the DOR rate table as updated 2025-01-07
 *  (pointmatch.floridarevenue.com), in force for calendar 2025 — re-check every January. FL_OTHER:
 *  large counties not in the part of the table we could read, from a 2025 law-firm summary (Miami-
 *  Dade, Lee, Leon) or from memory of the DR-15DSS (Hillsborough, Orange, Pinellas, Seminole,
 *  Sarasota: unverified). */
const FL_2025: Array<[string, string]> = [
  ['Alachua', '0.015'],
  ['Baker', '0.01'],
  ['Bay', '0.01'],
  ['Bradford', '0.01'],
  ['Brevard', '0.01'],
  ['Broward', '0.01'],
  ['Calhoun', '0.015'],
  ['Charlotte', '0.01'],
  ['Citrus', '0'],
  ['Clay', '0.015'],
  ['Collier', '0'],
  ['Columbia', '0.015'],
  ['DeSoto', '0.015'],
  ['Dixie', '0.01'],
  ['Duval', '0.015'],
  ['Escambia', '0.015'],
  ['Flagler', '0.01'],
  ['Franklin', '0.015'],
  ['Gadsden', '0.015'],
  ['Gilchrist', '0.01'],
  ['Glades', '0.01'],
  ['Gulf', '0.01'],
  ['Hardee', '0.01'],
];
const FL_OTHER: Array<[string, string, boolean, string]> = [
  ['Miami-Dade', '0.01', true, FL_MOFFA],
  ['Lee', '0.005', true, FL_MOFFA],
  ['Leon', '0.015', true, FL_MOFFA],
  ['Hillsborough', '0.015', false, FL_DSS],
  ['Orange', '0.005', false, FL_DSS],
  ['Pinellas', '0.01', false, FL_DSS],
  ['Seminole', '0.01', false, FL_DSS],
  ['Sarasota', '0.01', false, FL_DSS],
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
  ...FL_2025.map(([county, rate]) => ({
    state: 'FL',
    county,
    effectiveFrom: '2025-01-01',
    confirmedThrough: '2025-12-31',
    lines: [{ kind: 'COUNTY' as const, name: `${county} County discretionary sales surtax`, rate }],
    source: FL_TABLE,
    publication: 'Florida DOR Discretionary Sales Surtax rate table (DR-15DSS), 2025',
    verified: true,
    complete: true,
  })),
  ...FL_OTHER.map(([county, rate, verified, source]) => ({
    state: 'FL',
    county,
    effectiveFrom: '2024-01-01',
    confirmedThrough: '2025-12-31',
    lines: [{ kind: 'COUNTY' as const, name: `${county} County discretionary sales surtax`, rate }],
    source,
    publication:
      source === FL_MOFFA
        ? 'Florida DR-15DSS surtax rates as summarised by Moffa Tax Law, 2025'
        : 'Florida DOR Form DR-15DSS, Discretionary Sales Surtax Information (figure from memory)',
    verified,
    complete: true,
  })),
  {
    state: 'TN',
    county: 'Davidson',
    effectiveFrom: '2020-01-01',
    lines: [{ kind: 'COUNTY', name: 'Metro Nashville-Davidson local option tax', rate: '0.0225' }],
    source: TN_RATES,
    publication: 'Tennessee DOR local sales tax rates and single article',
    verified: true,
    complete: true,
  },
  ...['Knox', 'Hamilton', 'Shelby'].map((county) => ({
    state: 'TN',
    county,
    effectiveFrom: '2020-01-01',
    lines: [{ kind: 'COUNTY' as const, name: `${county} County local option tax`, rate: '0.0225' }],
    source: TN_RATES,
    publication: 'Tennessee DOR local sales tax rates and single article',
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
    publication: 'NYS Publication 718, Sales and Use Tax Rates by Jurisdiction',
    verified: false,
    complete: county !== 'Westchester',
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
    publication: 'CDTFA California City & County Sales & Use Tax Rates',
    verified: false,
    note: 'many LA County cities add their own district tax',
  },
  {
    state: 'CA',
    county: 'Los Angeles',
    effectiveFrom: '2025-04-01',
    effectiveTo: '2025-12-31',
    lines: [
      { kind: 'DISTRICT', name: 'Los Angeles County district taxes (Measure A)', rate: '0.025' },
    ],
    source: CA_RATES,
    publication: 'CDTFA California City & County Sales & Use Tax Rates',
    verified: false,
    note: 'many LA County cities add their own district tax',
  },
  // Superseded from 2026-01-01 by the whole CDTFA table (local-rates-ca.ts).
  ...['Orange', 'San Diego', 'Sacramento'].map((county) => ({
    state: 'CA',
    county,
    effectiveFrom: '2017-04-01',
    effectiveTo: '2025-12-31',
    lines: [
      {
        kind: 'DISTRICT' as const,
        name: `${county} County transportation district tax`,
        rate: '0.005',
      },
    ],
    source: CA_RATES,
    publication: 'CDTFA California City & County Sales & Use Tax Rates',
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
    publication: 'Hawaii DOTAX county surcharge on general excise tax',
    verified: false,
    complete: true,
  })),
];
