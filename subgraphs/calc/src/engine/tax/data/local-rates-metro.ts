// Shipped local vehicle rates for metro areas outside Ohio, each from the revenue department's (or
// the levying city's) published rate, with the date it took effect where the levy's start is known,
// else the first date the figure is vouched for. `verified: false` = read in secondary summaries of
// the publication, not in the publication itself: the quote line says "confirm against the source".
import type { ShippedLocalRate } from './local-rates.ts';

export const PA_ANSWER_209 = 'https://revenue-pa.custhelp.com/app/answers/detail/a_id/209';
const PA_PUB =
  'PA DOR answer 209, “What is the sales tax rate and when do licensees collect local sales tax?”';
export const WI_FACT_2414 =
  'https://www.wisbusiness.com/2023/dept-of-revenue-new-sales-and-use-taxes-in-the-city-of-milwaukee-and-milwaukee-county-begin-on-january-1-2024/';
const WI_PUB = 'WI DOR Fact Sheet 2414, Milwaukee Sales and Use Taxes (DOR release of 2023)';
export const NV_RATES = 'https://tax.nv.gov/';
const NV_PUB = 'Nevada Department of Taxation sales and use tax rates by county';
export const NE_RATES = 'https://revenue.nebraska.gov/';
const NE_PUB = 'Nebraska DOR Local Sales and Use Tax Rates';
export const CO_DR1002 = 'https://tax.colorado.gov/';
const CO_PUB = 'Colorado DR 1002, Colorado Sales/Use Tax Rates (January 2025)';

export const METRO_LOCAL_RATES: ShippedLocalRate[] = [
  // Pennsylvania: only Allegheny County and Philadelphia levy a local sales tax, and on vehicles it
  // follows the address the vehicle is registered to (PA DOR answer 209). Start dates: Allegheny's
  // 1% began with the Regional Asset District (Act 77 of 1993) on 1994-07-01; Philadelphia's rate
  // went from 1% to 2% on 2009-10-08 (the 1% period is not shipped).
  {
    state: 'PA',
    county: 'Allegheny',
    effectiveFrom: '1994-07-01',
    lines: [{ kind: 'COUNTY', name: 'Allegheny County local sales tax', rate: '0.01' }],
    source: PA_ANSWER_209,
    publication: PA_PUB,
    verified: true,
    complete: true,
  },
  {
    state: 'PA',
    county: 'Philadelphia',
    effectiveFrom: '2009-10-08',
    lines: [{ kind: 'CITY', name: 'Philadelphia local sales tax', rate: '0.02' }],
    source: PA_ANSWER_209,
    publication: PA_PUB,
    verified: true,
    complete: true,
  },
  // Wisconsin, 2023 Act 12: Milwaukee County 0.5% → 0.9% and a new city of Milwaukee 2%, both from
  // 2024-01-01; the county tax on a vehicle follows where it is customarily kept (the buyer's home).
  {
    state: 'WI',
    county: 'Milwaukee',
    effectiveFrom: '2024-01-01',
    lines: [{ kind: 'COUNTY', name: 'Milwaukee County sales and use tax', rate: '0.009' }],
    source: WI_FACT_2414,
    publication: WI_PUB,
    verified: true,
    complete: true,
  },
  {
    state: 'WI',
    county: 'Milwaukee',
    city: 'Milwaukee',
    effectiveFrom: '2024-01-01',
    lines: [{ kind: 'CITY', name: 'City of Milwaukee sales and use tax', rate: '0.02' }],
    source: WI_FACT_2414,
    publication: WI_PUB,
    verified: true,
    complete: true,
  },
  // Nevada: the engine's state rate is the 6.85% every county pays (4.6% state + 2.25% local school
  // support); the county options on top: Clark 8.375% in all (from 2020-01-01), Washoe 8.265%.
  {
    state: 'NV',
    county: 'Clark',
    effectiveFrom: '2020-01-01',
    lines: [{ kind: 'COUNTY', name: 'Clark County option taxes', rate: '0.01525' }],
    source: NV_RATES,
    publication: NV_PUB,
    verified: false,
    complete: true,
  },
  {
    state: 'NV',
    county: 'Washoe',
    effectiveFrom: '2020-01-01',
    lines: [{ kind: 'COUNTY', name: 'Washoe County option taxes', rate: '0.01415' }],
    source: NV_RATES,
    publication: NV_PUB,
    verified: false,
    complete: true,
  },
  // Nebraska: the city rate of the buyer's residence; Douglas and Lancaster counties levy none.
  // Lincoln 1.75% from 2015-10-01; Omaha 1.5% (vouched for from 2020-01-01).
  {
    state: 'NE',
    county: 'Douglas',
    city: 'Omaha',
    effectiveFrom: '2020-01-01',
    lines: [{ kind: 'CITY', name: 'City of Omaha local sales tax', rate: '0.015' }],
    source: NE_RATES,
    publication: NE_PUB,
    verified: false,
    complete: true,
  },
  {
    state: 'NE',
    county: 'Lancaster',
    city: 'Lincoln',
    effectiveFrom: '2015-10-01',
    lines: [{ kind: 'CITY', name: 'City of Lincoln local sales tax', rate: '0.0175' }],
    source: NE_RATES,
    publication: NE_PUB,
    verified: false,
    complete: true,
  },
  // Colorado: the City and County of Denver 4.81% (from 2021-01-01), RTD 1% and the Scientific and
  // Cultural Facilities District 0.1%, due at registration by the buyer's address.
  {
    state: 'CO',
    county: 'Denver',
    effectiveFrom: '2021-01-01',
    lines: [
      { kind: 'CITY', name: 'City and County of Denver sales/use tax', rate: '0.0481' },
      { kind: 'DISTRICT', name: 'Regional Transportation District (RTD)', rate: '0.01' },
      { kind: 'DISTRICT', name: 'Scientific and Cultural Facilities District', rate: '0.001' },
    ],
    source: CO_DR1002,
    publication: CO_PUB,
    verified: false,
    complete: true,
  },
];
