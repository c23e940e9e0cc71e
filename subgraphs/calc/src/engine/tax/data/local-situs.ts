// Which locality's tax applies to a vehicle sale, per state, and what the shipped tables hold there.
// RESIDENCE: the buyer's home county/city; REGISTRATION: the address the vehicle is registered to
// (in practice the buyer's home); DEALER: the selling dealer's location (the buyer's ZIP says nothing).
// States without an entry have no local vehicle tax or were not researched (the quote says which).

export type LocalSitus = 'RESIDENCE' | 'REGISTRATION' | 'DEALER';

export interface LocalSitusRule {
  state: string;
  situs: LocalSitus;
  /** One sentence for the salesperson. */
  rule: string;
  source: string;
  verified: boolean;
  /** What the shipped table holds for the state (said when a locality is not in it). */
  shipped: string;
  /** true when the shipped table holds every locality of the state that levies a vehicle tax... */
  complete: boolean;
  /** ...from this date: a locality missing from the table then levies none. */
  completeFrom?: string;
}

export const LOCAL_SITUS: readonly LocalSitusRule[] = [
  {
    state: 'PA',
    situs: 'REGISTRATION',
    rule: 'local tax follows the address the vehicle is registered to, wherever it is bought',
    source: 'https://revenue-pa.custhelp.com/app/answers/detail/a_id/209',
    verified: true,
    shipped: 'Allegheny County 1% and Philadelphia 2%, the only local sales taxes in Pennsylvania',
    complete: true,
    completeFrom: '2009-10-08',
  },
  {
    state: 'OH',
    situs: 'RESIDENCE',
    rule: 'sale: the rate of the purchaser’s county of residence; lease: the county where the vehicle is garaged',
    source: 'http://www.tax.ohio.gov/faq/tabid/6315/Default.aspx?QuestionID=547&AFMID=11354',
    verified: true,
    shipped:
      'all 88 counties (ODT chart of July 2024; Franklin from April 2025); not the COTA portions of Delaware, Fairfield, Licking and Union counties nor Rossford’s transit levy',
    complete: true,
    completeFrom: '2024-07-01',
  },
  {
    state: 'WI',
    situs: 'RESIDENCE',
    rule: 'county and city taxes follow where the vehicle is customarily kept (the buyer’s home)',
    source:
      'https://www.wisbusiness.com/2023/dept-of-revenue-new-sales-and-use-taxes-in-the-city-of-milwaukee-and-milwaukee-county-begin-on-january-1-2024/',
    verified: false,
    shipped:
      'every county’s tax from the DOR Streamlined Sales Tax rate file (2026 Q2), from 2020-04-01, and the city of Milwaukee’s 2% from 2024 (premier resort area taxes, which do not reach vehicle dealers, not shipped)',
    complete: true,
    completeFrom: '2020-04-01',
  },
  {
    state: 'NV',
    situs: 'REGISTRATION',
    rule: 'the county rate of the address the vehicle is registered to',
    source: 'https://tax.nv.gov/',
    verified: false,
    shipped: 'Clark and Washoe counties only',
    complete: false,
  },
  {
    state: 'NE',
    situs: 'RESIDENCE',
    rule: 'the city (and county) rate of the buyer’s residence; none outside city limits unless the county levies',
    source: 'https://revenue.nebraska.gov/',
    verified: false,
    shipped: 'Omaha and Lincoln only',
    complete: false,
  },
  {
    state: 'CO',
    situs: 'REGISTRATION',
    rule: 'county, city and district taxes of the address the vehicle is registered to',
    source: 'https://tax.colorado.gov/',
    verified: false,
    shipped: 'the City and County of Denver only',
    complete: false,
  },
  {
    state: 'FL',
    situs: 'REGISTRATION',
    rule: 'the discretionary surtax of the county where the vehicle is registered, on the first $5,000',
    source: 'https://floridarevenue.com/taxes/taxesfees/Pages/discretionary.aspx',
    verified: true,
    shipped: '31 of 67 counties, the largest among them',
    complete: false,
  },
  {
    state: 'NY',
    situs: 'RESIDENCE',
    rule: 'the rate of the purchaser’s residence (where the vehicle is registered)',
    source: 'https://www.tax.ny.gov/pdf/publications/sales/pub718.pdf',
    verified: false,
    shipped: 'New York City, Long Island, Westchester, Erie, Monroe, Albany and Onondaga only',
    complete: false,
  },
  {
    state: 'CA',
    situs: 'REGISTRATION',
    rule: 'district taxes of the address the vehicle is registered to (R&TC § 7262: district use tax on vehicles registered in the district)',
    source: 'https://www.cdtfa.ca.gov/taxes-and-fees/sales-use-tax-rates.htm',
    verified: true,
    shipped:
      'every county’s unincorporated-area rate and every incorporated city’s rate (CDTFA table effective 2026-01-01); before 2026 only the county-wide district taxes of Los Angeles, Orange, San Diego and Sacramento',
    complete: true,
    completeFrom: '2026-01-01',
  },
  {
    state: 'AR',
    situs: 'RESIDENCE',
    rule: 'city and county taxes of the buyer’s residence, each on the first $2,500 only (Ark. Code § 26-73-301)',
    source: 'https://policyrisk.com/states/arkansas/statutes/26-73-301',
    verified: false,
    shipped: 'no Arkansas locality yet',
    complete: false,
  },
  {
    state: 'MO',
    situs: 'RESIDENCE',
    rule: 'local taxes of the buyer’s address, collected when the vehicle is titled',
    source: 'https://dor.mo.gov/',
    verified: false,
    shipped: 'no Missouri locality yet',
    complete: false,
  },
  {
    state: 'KS',
    situs: 'RESIDENCE',
    rule: 'county and city taxes of the buyer’s residence, collected at titling',
    source: 'https://www.ksrevenue.gov/',
    verified: false,
    shipped: 'no Kansas locality yet',
    complete: false,
  },
  {
    state: 'LA',
    situs: 'RESIDENCE',
    rule: 'parish and city taxes of the buyer’s domicile, collected at titling',
    source: 'https://revenue.louisiana.gov/',
    verified: false,
    shipped: 'no Louisiana parish yet',
    complete: false,
  },
  {
    state: 'IL',
    situs: 'DEALER',
    rule: 'local retailers’ occupation taxes follow the selling dealer’s location (Chicago, Cook County and the RTA also tax vehicles their residents title after buying elsewhere)',
    source: 'https://tax.illinois.gov/',
    verified: false,
    shipped: 'no Illinois locality yet',
    complete: false,
  },
  {
    state: 'WA',
    situs: 'DEALER',
    rule: 'local sales tax of the dealer location where the buyer takes delivery (WAC 458-20-145)',
    source: 'https://app.leg.wa.gov/wac/default.aspx?cite=458-20-145',
    verified: false,
    shipped:
      'every city and county location code of the DOR rate database, 2024-10-01 to 2026-06-30 (not the tribal-area codes; the RTA / county code where a place has two)',
    complete: true,
    completeFrom: '2024-10-01',
  },
  {
    state: 'AZ',
    situs: 'DEALER',
    rule: 'county and city transaction privilege tax of the dealer’s location',
    source: 'https://azdor.gov/',
    verified: false,
    shipped: 'no Arizona locality yet',
    complete: false,
  },
];
