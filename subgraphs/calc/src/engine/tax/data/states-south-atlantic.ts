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
const GA_SB65 =
  'http://www.shrirameducational.com/musk-thistle-oterjv/8ea9b2-georgia-ad-valorem-tax-2020';
const GA_2023 = 'https://www.tagstitles.com/category/uncategorized/';
const GA_PHASE_IN = 'https://washingtoncountyga.gov/hello-world/';
const KY_METHODS = 'http://revenue.ky.gov/individual/mvutmethods.htm';
const KY_HOT = 'http://revenue.ky.gov/Hot+Topics/MotorVUT.htm';
const KY_KAR = 'http://www.lrc.ky.gov/kar/103/044/130.htm';
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
const WV_3C = 'https://code.wvlegislature.gov/11-15-3C/';
const WV_RULE = 'https://law.cornell.edu/regulations/west-virginia/W-Va-C-S-R-SS-91-9-3';
const WV_SB1006 =
  'http://www.wvlegislature.gov/legisdocs/chamber/2017/1X/com_amends/SB1006%20HFIN%20AMT.htm';
const WV_RULE_2009 =
  'https://www.salestaxinstitute.com/resources/west-virginia-adopts-taxation-vehicles-legislation';

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
      ...(from >= '2020-01-01' ? [GA_SB65, GA_2023] : []),
      ...(from < '2015-01-01' ? [GA_PHASE_IN] : []),
    ],
    verified,
    assumptions: [
      from >= '2020-01-01'
        ? 'period dates: DOR announcement "Title Ad Valorem Tax (TAVT) Changes Effective January 1, 2020" (SB 65: "decreases the rate … from 7% to 6.6% … starting January 1, 2020, and extending through June 30, 2023"), read in a third-party copy of the page; 7% again from 2023-07-01 per a tag agency notice'
        : from < '2015-01-01'
          ? 'phase-in 6.5% in 2013, 6.75% in 2014, 7% after: Washington County (county government) notice on HB 386 (2012); the statute text was not read'
          : 'the 7% rate 2015-2019 follows the same county notice (7% after the 2013-2014 phase-in)',
    ],
  });
}

/**
 * Kentucky usage tax (KRS 138.460, 6% of the retail price). Trade-in allowance: used vehicles
 * always (DOR methods page); new vehicles 2009-09-01..2011-06-30 under KRS 138.4602 until a
 * $25,000,000 statewide credit cap ran out (DOR notice, 103 KAR 44:130), and again from
 * 2014-07-01 (KRS 138.4603(1)(a); DOR: "As of July 1, 2014, trade in allowance is granted for tax
 * purposes when purchasing new vehicles").
 */
function kyUsage(
  from: string,
  to: string | undefined,
  tradeIn: 'USED_ONLY' | 'FULL',
  capped = false,
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
    notices: [
      {
        text: 'Kentucky: the trade-in allowance counts only for a vehicle previously registered in Kentucky (DOR usage-tax methods); without a notarized affidavit of total consideration the clerk taxes 90% of MSRP (new) or the NADA retail value (used)',
      },
      ...(capped
        ? [
            {
              text: 'Kentucky 2009-09-01..2011-06-30: the new-vehicle trade-in credit stopped once the $25,000,000 statewide cap was used (103 KAR 44:130) — confirm the credit was still available on the deal date',
              condition: 'NEW' as const,
            },
          ]
        : []),
    ],
    summary:
      tradeIn === 'FULL'
        ? '6% usage tax on total consideration less trade-in allowance (new and used)'
        : '6% usage tax; trade-in allowance only on used vehicles',
    sources:
      tradeIn === 'FULL'
        ? capped
          ? [KY_HOT, KY_KAR, KY_4602, KY_METHODS, KY_STAT]
          : [KY_4603, KY_METHODS, KY_STAT]
        : [KY_METHODS, KY_STAT],
    verified: true,
    assumptions: [
      'rate and trade-in periods read on the DOR usage-tax pages (methods page; "New Motor Vehicle Usage Tax Information", last updated 2011-03-09) and in KRS 138.4603 / 103 KAR 44:130',
      'the start of the table (2000-01-01) was not checked against the rate history',
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

/**
 * West Virginia: the consumers sales tax on motor vehicles (W. Va. Code § 11-15-3c), collected by
 * the DMV at titling in lieu of the old privilege tax: 5% until the 2017 road-fund act (SB 1006,
 * 1st extraordinary session 2017: "increasing the rate of consumers sales and service tax on sales
 * of motor vehicles as of a specified date") raised it to 6% from 2017-07-01.
 */
function wvSalesTax(from: string, to: string | undefined, rate: string): StateRuleVersion {
  const pct = Number(rate) * 100;
  // DMV rule 91-9: the taxable value is never below $500, so the minimum tax is rate × $500.
  const minimum = String(500 * Number(rate));
  return version({
    effectiveFrom: from,
    ...(to ? { effectiveTo: to } : {}),
    regime: 'PRIVILEGE',
    taxName: 'West Virginia motor vehicle sales tax (W. Va. Code § 11-15-3c)',
    stateRate: rate,
    local: { applies: false, note: 'municipal sales taxes do not apply to titled vehicles' },
    // § 11-15-3c: the sale price is reduced by vehicles taken in exchange on which the tax was
    // paid; DMV rule 91-9 (2009): the trade-in must be titled in West Virginia, and rebates
    // received after the sale do not reduce the taxable purchase price.
    tradeIn: { kind: 'FULL' },
    ...COMMON_REBATES,
    docFee: { taxable: true, capNote: 'no cap' },
    ...COMMON_PRODUCTS,
    minimumTax: minimum,
    lease: upfrontLease('UPFRONT_TOTAL_PAYMENTS', [WV_LEASE], '5% of the total lease payments', {
      stateRate: '0.05',
    }),
    notices: [
      {
        text: 'West Virginia: the trade-in credit requires the traded vehicle to be titled in West Virginia (DMV rule 91-9); the full allowance is deducted here',
      },
    ],
    summary: `${pct}% of the purchase price certified by the dealer less trade-in, at titling; at least $${minimum} (value never below $500)`,
    sources: [WV_3C, WV_STAT, WV_RULE, WV_SB1006, WV_RULE_2009, WV_GUIDE],
    // The 6% version rests on rule 91-9-3 and the SB 1006 title (both read); the 5% one on summaries.
    verified: from >= '2017-07-01',
    assumptions: [
      `${pct}% rate: 6% from 2017-07-01 by SB 1006 (2017 1st extraordinary session, title on wvlegislature.gov) and W. Va. C.S.R. § 91-9-3.3/3.4; 5% before, per the 2009 DMV rule summary and the current § 11-15-3c text as quoted in 2025/2026 bill digests`,
      'the 2008-01-01 start is kept from the earlier table: the date § 11-15-3c took over from the § 17A-3-4 privilege tax was not checked',
      'lease: 5% of total lease payments (§ 17A-3-4 "fee on payments for leased vehicles"); the rate is from a secondary guide',
      REBATE_ASSUMPTION,
      PRODUCTS_ASSUMPTION,
    ],
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
      gaTavt('2020-01-01', '2023-06-30', '0.066', true),
      gaTavt('2023-07-01', undefined, '0.07', true),
    ],
  },
  {
    state: 'KY',
    name: 'Kentucky',
    versions: [
      kyUsage('2000-01-01', '2009-08-31', 'USED_ONLY'),
      kyUsage('2009-09-01', '2011-06-30', 'FULL', true),
      kyUsage('2011-07-01', '2014-06-30', 'USED_ONLY'),
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
      wvSalesTax('2008-01-01', '2017-06-30', '0.05'),
      wvSalesTax('2017-07-01', undefined, '0.06'),
    ],
  },
];
