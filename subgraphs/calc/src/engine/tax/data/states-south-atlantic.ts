// South-Atlantic vehicle tax rules, mostly special regimes: Georgia TAVT, Kentucky usage tax,
// North Carolina HUT, South Carolina IMF, Virginia MVSUT, West Virginia privilege tax.
import type { StateRuleVersion, StateTaxRecord } from '../schema.ts';
import {
  COMMON_PRODUCTS,
  COMMON_REBATES,
  NO_LOCAL,
  PRODUCTS_ASSUMPTION,
  REBATE_ASSUMPTION,
  monthlyLease,
  upfrontLease,
  version,
} from './common.ts';

const GA_FAQ = 'https://dor.georgia.gov/node/25891';
const GA_STAT = 'https://law.justia.com/codes/georgia/title-48/chapter-5c/section-48-5c-1/';
const GA_2023 = 'https://www.tagstitles.com/category/uncategorized/';
const GA_PHASE_IN = 'https://washingtoncountyga.gov/hello-world/';
const KY_METHODS = 'http://revenue.ky.gov/individual/mvutmethods.htm';
const KY_LEASE = 'https://library.partnertax.ai/us-ky/stat/138.462';
const KY_STAT = 'https://apps.legislature.ky.gov/law/statutes/statute.aspx?id=49230';
const KY_4603 =
  'https://www.legalfix.com/statutes/state-codes/kentucky/chapter-138/section-138-4603';
const KY_4602 = 'https://lawserver.com/law/state/kentucky/ky-statutes/kentucky_statutes_138-4602';
const NC_DMV = 'https://www.ncdot.gov/dmv/title-registration/taxes/Pages/default.aspx';
// G.S. 105-187.3: 3% of the retail value (sales price incl. accessories less trade-in) plus any
// dealer fee regulated by G.S. 20-101.1; separately stated service contracts excluded; $2,000
// maximum for Class A/B commercial vehicles and recreational vehicles.
const NC_STAT =
  'https://www3.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_105/GS_105-187.3.html';
const NC_LEASE =
  'https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_105/GS_105-187.5.html';
const SC_IMF =
  'https://law.justia.com/codes/south-carolina/2021/title-56/chapter-3/section-56-3-627/';
const SC_MAXTAX = 'https://dor.sc.gov/tax/sales/maximum-tax';
const VA_DMV = 'https://dmv.virginia.gov/vehicles/taxes-fees/sut';
const VA_LEASE = 'https://select.dmv.virginia.gov/select/help/vlic/vlica4.shtml';
const VA_STAT = 'https://law.lis.virginia.gov/vacode/title58.1/chapter24/section58.1-2402/';
const WV_GUIDE = 'https://legalclarity.org/how-the-west-virginia-car-tax-and-fees-work';
const WV_LEASE =
  'https://vehicletaxcalculator.com/west-virginia-vehicle-tax-title-license-calculator';
const WV_STAT = 'https://code.wvlegislature.gov/17A-3-4/';
const WV_RULE = 'https://law.cornell.edu/regulations/west-virginia/W-Va-C-S-R-SS-91-9-3';

/** Georgia TAVT, one version per rate period (O.C.G.A. § 48-5C-1). */
function gaTavt(
  from: string,
  to: string | undefined,
  rate: string,
  verified: boolean,
): StateRuleVersion {
  return version({
    effectiveFrom: from,
    ...(to ? { effectiveTo: to } : {}),
    regime: 'TAVT',
    taxName: 'Georgia title ad valorem tax (TAVT)',
    stateRate: rate,
    valueBasis: 'GREATER_OF_PRICE_AND_FMV',
    local: { applies: false, note: 'TAVT replaces state and local sales tax on vehicles' },
    tradeIn: { kind: 'FULL' },
    // DOR FAQ: the value is reduced by trade-in and by rebates/cash discounts "provided by the
    // selling dealer"; a manufacturer rebate does not reduce it.
    manufacturerRebateTaxable: true,
    dealerRebateTaxable: false,
    docFee: {
      taxable: true,
      capNote: 'no cap; doc fees are part of the retail selling price for TAVT',
    },
    ...COMMON_PRODUCTS,
    lease: upfrontLease('UPFRONT_PRICE', [GA_FAQ], 'TAVT on the agreed-upon value at titling'),
    summary: `${Number(rate) * 100}% of fair market value (new: greater of selling price incl. fees and the assessment-manual value; used: assessment-manual value), less trade-in and dealer rebates`,
    sources: [
      GA_FAQ,
      GA_STAT,
      ...(from >= '2020-01-01' ? [GA_2023] : []),
      ...(from < '2015-01-01' ? [GA_PHASE_IN] : []),
    ],
    verified,
    assumptions: [
      from >= '2020-01-01'
        ? 'period dates (6.6% 2020-01-01..2023-06-30, back to 7% from 2023-07-01) from a tag agency notice; the DOR rate page itself was not available'
        : from < '2015-01-01'
          ? 'phase-in 6.5% in 2013, 6.75% in 2014, 7% after: Washington County (county government) notice on HB 386 (2012); the statute text was not read'
          : 'the 7% rate 2015-2019 follows the same county notice (7% after the 2013-2014 phase-in)',
    ],
  });
}

/** Kentucky usage tax: trade-in credit on used vehicles always, on new ones from 2014-07-01. */
function kyUsage(
  from: string,
  to: string | undefined,
  tradeIn: 'USED_ONLY' | 'FULL',
): StateRuleVersion {
  return version({
    effectiveFrom: from,
    ...(to ? { effectiveTo: to } : {}),
    regime: 'EXCISE',
    taxName: 'Kentucky motor vehicle usage tax',
    stateRate: '0.06',
    local: NO_LOCAL,
    tradeIn: { kind: tradeIn },
    ...COMMON_REBATES,
    docFee: { taxable: true, capNote: 'no cap' },
    ...COMMON_PRODUCTS,
    lease: upfrontLease(
      'UPFRONT_PRICE',
      [KY_LEASE],
      'usage tax on the retail price when the leased vehicle is registered (KRS 138.463 also lets U-drive-it lessors pay on lease charges instead — not modelled)',
    ),
    summary:
      tradeIn === 'FULL'
        ? '6% usage tax on total consideration less trade-in allowance (new and used)'
        : '6% usage tax; trade-in allowance only on used vehicles',
    sources: tradeIn === 'FULL' ? [KY_4603, KY_METHODS, KY_STAT] : [KY_METHODS, KY_4602, KY_STAT],
    verified: false,
    assumptions: [
      'new-vehicle trade-in from 2014-07-01 confirmed by KRS 138.4603(1)(a) (retail price = total consideration less trade-in allowance); used vehicles always per the DOR methods page (trade previously KY-registered)',
      'KRS 138.4602: for new-vehicle sales 2009-09-01..2014-06-30 a trade-in credit applied until a $25,000,000 statewide credit cap (103 KAR 44:130) ran out — not modelled',
      'without a notarized affidavit the retail price is 90% of MSRP (KRS 138.4603(2)(b)) — the engine uses the price given',
      REBATE_ASSUMPTION,
      'lease: usage tax up front on the price',
    ],
  });
}

function vaMvsut(
  from: string,
  to: string | undefined,
  rate: string,
  min: string,
): StateRuleVersion {
  return version({
    effectiveFrom: from,
    ...(to ? { effectiveTo: to } : {}),
    regime: 'EXCISE',
    taxName: 'Virginia motor vehicle sales and use tax (SUT)',
    stateRate: rate,
    minimumTax: min,
    local: {
      applies: false,
      note: 'no local tax on titled vehicles (the regional add-ons do not apply)',
    },
    tradeIn: { kind: 'NONE' },
    // DMV: "gross sales price ... after any rebates or incentives are applied"
    manufacturerRebateTaxable: false,
    dealerRebateTaxable: false,
    docFee: {
      taxable: true,
      capNote: 'no cap; processing fee must be posted and is in the gross sales price',
    },
    ...COMMON_PRODUCTS,
    lease: upfrontLease(
      'UPFRONT_PRICE',
      [VA_LEASE],
      'leases of 12 months or more: the lessor owes SUT on the sale price at titling (usually passed to the lessee)',
    ),
    summary: `${Number(rate) * 100}% of gross sales price (after rebates, incl. processing fee, no trade-in credit), at least $${min}`,
    sources: [VA_DMV, VA_STAT],
    verified: from === '2016-07-01',
    ...(from === '2016-07-01'
      ? {}
      : {
          assumptions: [
            'earlier rate steps (4.0% 2013, 4.05% 2014, 4.1% 2015) from memory of HB 2313 (2013)',
          ],
        }),
  });
}

export const SOUTH_ATLANTIC: StateTaxRecord[] = [
  {
    state: 'GA',
    name: 'Georgia',
    versions: [
      gaTavt('2013-03-01', '2013-12-31', '0.065', false),
      gaTavt('2014-01-01', '2014-12-31', '0.0675', false),
      gaTavt('2015-01-01', '2019-12-31', '0.07', false),
      gaTavt('2020-01-01', '2023-06-30', '0.066', false),
      gaTavt('2023-07-01', undefined, '0.07', false),
    ],
  },
  {
    state: 'KY',
    name: 'Kentucky',
    versions: [
      kyUsage('2000-01-01', '2014-06-30', 'USED_ONLY'),
      kyUsage('2014-07-01', undefined, 'FULL'),
    ],
  },
  {
    state: 'NC',
    name: 'North Carolina',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        regime: 'HUT',
        taxName: 'North Carolina highway use tax (HUT)',
        stateRate: '0.03',
        local: { applies: false, note: 'HUT replaces state and local sales tax on vehicles' },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease(
          [NC_LEASE],
          'lessor may elect 3% HUT on gross receipts of each lease payment',
          {
            stateRate: '0.03',
          },
        ),
        summary:
          '3% of the purchase price incl. doc fee and accessories, less trade-in; caps: $2,000 for commercial vehicles over 26,000 lb, $250 for vehicles titled elsewhere over 90 days (not dealer sales)',
        sources: [NC_DMV, NC_STAT],
        verified: true,
        assumptions: [REBATE_ASSUMPTION],
      }),
    ],
  },
  {
    state: 'SC',
    name: 'South Carolina',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        effectiveTo: '2017-06-30',
        regime: 'SALES_TAX',
        taxName: 'South Carolina sales tax (maximum tax)',
        stateRate: '0.05',
        maximumTax: '300',
        local: {
          applies: false,
          note: 'local taxes on vehicles capped with the maximum tax; not modelled',
        },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([SC_MAXTAX], 'tax on lease payments up to the maximum tax'),
        summary: '5% of price less trade-in, at most $300',
        sources: [SC_MAXTAX],
        verified: false,
        assumptions: ['pre-2017 $300 maximum tax from memory', REBATE_ASSUMPTION],
      }),
      version({
        effectiveFrom: '2017-07-01',
        regime: 'EXCISE',
        taxName: 'South Carolina infrastructure maintenance fee (IMF)',
        stateRate: '0.05',
        maximumTax: '500',
        local: { applies: false, note: 'the IMF replaces sales tax on vehicles; no local add-on' },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: upfrontLease(
          'UPFRONT_PRICE',
          [SC_IMF],
          'IMF on first registration of the leased vehicle',
        ),
        summary: '5% of the sales price (less trade-in), not to exceed $500',
        sources: [SC_IMF],
        verified: true,
        assumptions: [
          'trade-in deducted as under the sales tax "sales price" definition',
          REBATE_ASSUMPTION,
        ],
      }),
    ],
  },
  {
    state: 'VA',
    name: 'Virginia',
    versions: [
      vaMvsut('2013-07-01', '2014-06-30', '0.04', '75'),
      vaMvsut('2014-07-01', '2015-06-30', '0.0405', '75'),
      vaMvsut('2015-07-01', '2016-06-30', '0.041', '75'),
      vaMvsut('2016-07-01', undefined, '0.0415', '75'),
    ],
  },
  {
    state: 'WV',
    name: 'West Virginia',
    versions: [
      version({
        effectiveFrom: '2008-01-01',
        regime: 'PRIVILEGE',
        taxName: 'West Virginia motor vehicle privilege tax',
        stateRate: '0.06',
        local: { applies: false, note: 'municipal sales taxes do not apply to titled vehicles' },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        minimumTax: '30',
        lease: upfrontLease(
          'UPFRONT_TOTAL_PAYMENTS',
          [WV_LEASE],
          '5% of the total lease payments',
          {
            stateRate: '0.05',
          },
        ),
        summary:
          '6% privilege tax on price (or book value if greater) less trade-in at titling; $30 minimum',
        sources: [WV_STAT, WV_RULE, WV_GUIDE],
        verified: false,
        assumptions: [
          '6% of the actual purchase price certified by the dealer confirmed (W. Va. C.S.R. § 91-9-3.3/3.4); the $30 minimum (6% of a $500 floor value), the trade-in deduction and 5% on total lease payments are from secondary guides',
          REBATE_ASSUMPTION,
          PRODUCTS_ASSUMPTION,
        ],
      }),
    ],
  },
];
