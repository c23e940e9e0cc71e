// State title and registration fees, as data. Only fees we could trace to a statute (or, marked
// SECONDARY, to a title-service summary) are listed; for every other state the engine asks for
// the fee as input instead of guessing. Where a fee depends on the vehicle or the buyer's county,
// the rule lists its tiers and the deal supplies `vehicleWeightLbs` or `feeTier`.

export type FeeKind = 'TITLE' | 'REGISTRATION';

export interface FeeTier {
  /** Tier name a deal passes as `feeTier` (county-dependent fees). */
  tier?: string;
  /** Upper bound of the weight band in pounds (weight-dependent fees); absent = no upper bound. */
  maxWeightLbs?: number;
  amount: string;
}

export interface FeeRule {
  state: string;
  kind: FeeKind;
  /** ISO date the amount took effect (as far as the source shows); null = not established. */
  effectiveFrom: string | null;
  effectiveTo: string | null;
  basis: 'FLAT' | 'BY_WEIGHT' | 'BY_TIER';
  tiers: FeeTier[];
  description: string;
  source: string;
  sourceKind: 'STATUTE' | 'SECONDARY';
}

export const FEE_RULES: readonly FeeRule[] = [
  {
    state: 'TX',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'BY_TIER',
    tiers: [
      { tier: 'NONATTAINMENT_COUNTY', amount: '33.00' },
      { tier: 'OTHER_COUNTY', amount: '28.00' },
    ],
    description:
      'Title application fee: $33 if the applicant lives in a Clean Air Act nonattainment (or affected) county, $28 elsewhere',
    source: 'https://statutes.capitol.texas.gov/Docs/TN/htm/TN.501.htm#501.138',
    sourceKind: 'STATUTE',
  },
  {
    state: 'VA',
    kind: 'REGISTRATION',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'BY_WEIGHT',
    tiers: [{ maxWeightLbs: 4000, amount: '23.00' }, { amount: '28.00' }],
    description:
      'Annual registration, private passenger car: $23 up to 4,000 lb, $28 above (Va. Code § 46.2-694 A 1–2); local and plate fees extra',
    source: 'https://law.lis.virginia.gov/vacode/title46.2/chapter6/section46.2-694/',
    sourceKind: 'STATUTE',
  },
  {
    state: 'VA',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '15.00' }],
    description: 'Certificate of title fee for a motor vehicle (Va. Code § 46.2-627)',
    source: 'https://www.illinoistitleservices.net/state-title-registration-and-taxes/virginia',
    sourceKind: 'SECONDARY',
  },
  {
    state: 'NC',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '56.00' }],
    description:
      'Certificate of title application fee (G.S. 20-85(a)(1)); the statute indexes its fees, so check the current amount',
    source:
      'https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_20/GS_20-85.html',
    sourceKind: 'STATUTE',
  },
  {
    state: 'IL',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '165.00' }],
    description:
      'Certificate of title, other than ATV, off-highway motorcycle or motor home (625 ILCS 5/3-821(a))',
    source: 'https://www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=062500050K3-821',
    sourceKind: 'STATUTE',
  },
  {
    state: 'NY',
    kind: 'TITLE',
    effectiveFrom: null,
    // The $50 amount carries a sunset (then $5) that the legislature has extended repeatedly.
    effectiveTo: '2028-04-01',
    basis: 'FLAT',
    tiers: [{ amount: '50.00' }],
    description: 'Application for a certificate of title (N.Y. Veh. & Traf. Law § 2125(a)(1))',
    source: 'https://www.nysenate.gov/legislation/laws/VAT/2125',
    sourceKind: 'STATUTE',
  },
  {
    state: 'MI',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: '2027-10-01',
    basis: 'FLAT',
    tiers: [{ amount: '14.50' }],
    description:
      'Certificate of title: $10 fee + $3 service fee + $1.50 tire disposal surcharge (MCL 257.806(1), (3))',
    source: 'https://www.legislature.mi.gov/Laws/MCL?objectName=mcl-257-806',
    sourceKind: 'STATUTE',
  },
];

/** The 50 states and DC. */
export const STATE_CODES: readonly string[] = [
  'AL',
  'AK',
  'AZ',
  'AR',
  'CA',
  'CO',
  'CT',
  'DE',
  'DC',
  'FL',
  'GA',
  'HI',
  'ID',
  'IL',
  'IN',
  'IA',
  'KS',
  'KY',
  'LA',
  'ME',
  'MD',
  'MA',
  'MI',
  'MN',
  'MS',
  'MO',
  'MT',
  'NE',
  'NV',
  'NH',
  'NJ',
  'NM',
  'NY',
  'NC',
  'ND',
  'OH',
  'OK',
  'OR',
  'PA',
  'RI',
  'SC',
  'SD',
  'TN',
  'TX',
  'UT',
  'VT',
  'VA',
  'WA',
  'WV',
  'WI',
  'WY',
];
