// State title and registration fees, as data. Only fees we could trace to a statute (or, marked
// AGENCY / SECONDARY, to an agency fee schedule / a title-service summary) are listed; for every other state the engine asks for
// the fee as input instead of guessing. Where a fee depends on the vehicle or the buyer's county,
// the rule lists its tiers and the deal supplies `vehicleWeightLbs` or `feeTier`.

export type FeeKind = 'TITLE' | 'REGISTRATION';

export interface FeeTier {
  /** Tier name a deal passes as `feeTier` (county-dependent fees). */
  tier?: string;
  /** The tier in the words staff and buyers use (asked on the desk instead of the tier name). */
  label?: string;
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
  /** BY_TIER: what picks the tier, in plain words ("the buyer's county"). */
  dependsOn?: string;
  tiers: FeeTier[];
  description: string;
  source: string;
  /** STATUTE: the amount is in the cited statute; AGENCY: a state or county agency's published fee
   *  schedule (e.g. a county tax collector acting as the state's agent); SECONDARY: a summary. */
  sourceKind: 'STATUTE' | 'AGENCY' | 'SECONDARY';
}

export const FEE_RULES: readonly FeeRule[] = [
  {
    state: 'TX',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'BY_TIER',
    dependsOn: "the buyer's county",
    tiers: [
      {
        tier: 'NONATTAINMENT_COUNTY',
        label:
          'a county with vehicle emissions testing (Houston, Dallas–Fort Worth, Austin, El Paso areas)',
        amount: '33.00',
      },
      { tier: 'OTHER_COUNTY', label: 'any other Texas county', amount: '28.00' },
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
  {
    state: 'OH',
    kind: 'TITLE',
    // The section as read is the version effective 2017-07-01 (HB 26, 132nd GA).
    effectiveFrom: '2017-07-01',
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '15.00' }],
    description:
      'Certificate of title, including notation of a lien applied for at the same time (R.C. 4505.09(A)(1)(b))',
    source:
      'https://getpocketlaw.com/law/state_ohio/section-4505-09--certificate-of-title-fees-funds_2fb50a3b45e3',
    sourceKind: 'STATUTE',
  },
  {
    state: 'AZ',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '4.00' }],
    description:
      'Certificate of title (A.R.S. § 28-2003(A)(1)); registration is $8 plus the value-based vehicle license tax, so it is not in the table',
    source: 'https://www.azleg.gov/legtext/57leg/2R/bills/HB2012P.htm',
    sourceKind: 'STATUTE',
  },
  {
    state: 'IN',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '15.00' }],
    description:
      'Certificate of title for a vehicle other than a watercraft (IC 9-17-2-14.5(c)); BMV service fees are extra and not included',
    source: 'https://www.lawserver.com/law/state/indiana/in-code/indiana_code_9-17-2-14-5',
    sourceKind: 'STATUTE',
  },
  {
    state: 'KY',
    kind: 'TITLE',
    // KRS 186A.130 as amended by 2009 Ky. Acts ch. 64, effective 2009-06-25.
    effectiveFrom: '2009-06-25',
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '9.00' }],
    description:
      'Application for a certificate of title: $9 ($6 county clerk, $3 Transportation Cabinet) (KRS 186A.130(1)); lien recording extra',
    source: 'https://self-law.org/code/ky/chapter-186a/186a-130',
    sourceKind: 'STATUTE',
  },
  {
    state: 'TN',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: '2022-07-01',
    basis: 'FLAT',
    tiers: [{ amount: '11.00' }],
    description:
      'Certificate of title: $5.50 state fee (T.C.A. § 55-6-101(a)(1)) + $5.50 county clerk fee (§ 55-6-104(a)(3) before Pub. Ch. 1003 of 2022)',
    source:
      'https://ctas.tennessee.edu/news/new-title-and-registration-law-will-have-significant-impact-county-clerks-offices',
    sourceKind: 'STATUTE',
  },
  {
    state: 'TN',
    kind: 'TITLE',
    effectiveFrom: '2022-07-01',
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '14.00' }],
    description:
      'Certificate of title: $5.50 state fee (T.C.A. § 55-6-101(a)(1)) + $8.50 county clerk fee (§ 55-6-104(a)(3), Pub. Ch. 1003 of 2022, from 2022-07-01)',
    source: 'https://law.justia.com/codes/tennessee/2019/title-55/chapter-6/section-55-6-101/',
    sourceKind: 'STATUTE',
  },
  {
    state: 'FL',
    kind: 'TITLE',
    effectiveFrom: '2009-09-01',
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '75.75' }],
    description:
      'Original/transfer certificate of title as charged by the county tax collector: the $70 fee of s. 319.32(1), F.S. plus the $1 security-materials fee and service charges; lien notation and out-of-state VIN fees extra',
    source: 'https://www.mariontax.com/florida-vehicle-titles',
    sourceKind: 'AGENCY',
  },
  {
    state: 'DE',
    kind: 'TITLE',
    effectiveFrom: '2015-10-01',
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '35.00' }],
    description:
      'Vehicle title fee, raised from $25 to $35 by HB 140 of 2015 from 2015-10-01 (press report; the statute text was not read)',
    source:
      'https://www.delawareonline.com/story/news/local/2015/10/30/paying-more-dmv-get-details/74870602/',
    sourceKind: 'SECONDARY',
  },
  {
    state: 'AL',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '16.50' }],
    description:
      'Application for certificate of title: $15 fee + $1.50 designated-agent commission (Ala. Code § 32-8-6(a)-(b)); the issuing official may add another $1.50 and some counties local fees (ALDOR FAQ) — not included',
    source:
      'https://www.revenue.alabama.gov/faqs/what-is-the-cost-to-make-application-for-alabama-certificate-of-title/',
    sourceKind: 'STATUTE',
  },
  // --- added 2026-11-26 (second pass) ---
  {
    state: 'GA',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '18.00' }],
    description:
      'Title transfer fee (county tax commissioners acting for the Department of Revenue); TAVT is separate',
    source: 'https://www.buttscountytax.com/vehicles.html',
    sourceKind: 'AGENCY',
  },
  {
    state: 'GA',
    kind: 'REGISTRATION',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '20.00' }],
    description:
      'Annual tag fee, passenger vehicles and trucks up to 14,000 lb loaded (county tax commissioner schedules)',
    source: 'https://www.buttscountytax.com/vehicles.html',
    sourceKind: 'AGENCY',
  },
  {
    state: 'MO',
    kind: 'REGISTRATION',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'BY_TIER',
    // RSMo 301.055 by taxable horsepower (shown on the title / application); the license office
    // processing fee is charged on top and is not included.
    dependsOn: "the vehicle's taxable horsepower (on its title)",
    tiers: [
      { tier: 'HP_UNDER_12', label: 'under 12 HP', amount: '18.25' },
      { tier: 'HP_12_23', label: '12–23 HP', amount: '21.25' },
      { tier: 'HP_24_35', label: '24–35 HP', amount: '24.25' },
      { tier: 'HP_36_47', label: '36–47 HP', amount: '33.25' },
      { tier: 'HP_48_59', label: '48–59 HP', amount: '39.25' },
      { tier: 'HP_60_71', label: '60–71 HP', amount: '45.25' },
      { tier: 'HP_72_PLUS', label: '72 HP or more', amount: '51.25' },
    ],
    description:
      'One-year passenger registration by taxable horsepower (Department of Revenue fee table); license office processing fee extra',
    source: 'https://dor.mo.gov/motorv/fees.php?style=mobile2',
    sourceKind: 'AGENCY',
  },
  {
    state: 'MO',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '8.50' }],
    description: 'Certificate of title fee for a motor vehicle; processing fee extra',
    source: 'https://www.illinoistitleservices.net/state-title-registration-and-taxes/missouri',
    sourceKind: 'SECONDARY',
  },
  {
    state: 'NJ',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '60.00' }],
    description:
      'Certificate of ownership (title), no lien; $85 with one lien, $110 with two (lien fees not included)',
    source: 'https://click2register.net/en/?p=15692',
    sourceKind: 'SECONDARY',
  },
  {
    state: 'SC',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '15.00' }],
    description: 'Certificate of title, vehicles (SCDMV Form 400 fee)',
    source:
      'https://www.illinoistitleservices.net/state-title-registration-and-taxes/south-carolina',
    sourceKind: 'SECONDARY',
  },
  {
    state: 'WI',
    kind: 'TITLE',
    effectiveFrom: null,
    effectiveTo: null,
    basis: 'FLAT',
    tiers: [{ amount: '164.50' }],
    description:
      'Original or transfer title for a vehicle; $10 per lien recorded (not included). The one summary read also says "$23.00 (vehicles)" in its body — confirm with WisDOT',
    source: 'https://www.illinoistitleservices.net/state-title-registration-and-taxes/wisconsin',
    sourceKind: 'SECONDARY',
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
