// Southeast vehicle tax rules, including the special regimes: Georgia TAVT, North Carolina HUT,
// South Carolina IMF, Tennessee single-article tax, Virginia MVSUT, West Virginia privilege tax.
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

const AL_SRC = 'https://www.revenue.alabama.gov/sales-use/automotive-sales-tax/';
const AL_STAT = 'https://law.justia.com/codes/alabama/title-40/chapter-23/section-40-23-2/';
const AL_LEASE = 'https://law.justia.com/codes/alabama/title-40/chapter-12/article-8/section-40-12-222/';
const AR_SRC = 'https://www.dfa.arkansas.gov/excise-tax/sales-and-use-tax/';
const FL_STAT = 'https://www.flsenate.gov/Laws/Statutes/2024/212.05';
const FL_SURTAX = 'https://floridarevenue.com/taxes/taxesfees/Pages/discretionary.aspx';
const FL_SURTAX_STAT = 'https://www.flsenate.gov/Laws/Statutes/2024/212.054';
const GA_FAQ = 'https://dor.georgia.gov/node/25891';
const GA_STAT = 'https://law.justia.com/codes/georgia/title-48/chapter-5c/section-48-5c-1/';
const GA_2023 = 'https://www.tagstitles.com/category/uncategorized/';
const KY_METHODS = 'http://revenue.ky.gov/individual/mvutmethods.htm';
const KY_STAT = 'https://apps.legislature.ky.gov/law/statutes/statute.aspx?id=49230';
const LA_SRC = 'https://revenue.louisiana.gov/SalesTax';
const MS_SRC = 'https://www.dor.ms.gov/business/sales-tax-rates';
const NC_DMV = 'https://www.ncdot.gov/dmv/title-registration/taxes/Pages/default.aspx';
const NC_STAT =
  'https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_105/GS_105-187.3.html';
const NC_LEASE =
  'https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/BySection/Chapter_105/GS_105-187.5.html';
const SC_IMF = 'https://law.justia.com/codes/south-carolina/2021/title-56/chapter-3/section-56-3-627/';
const SC_MAXTAX = 'https://dor.sc.gov/tax/sales/maximum-tax';
const TN_SA = 'https://www.tn.gov/revenue/taxes/sales-and-use-tax/single-article-special-tax-rates.html';
const TN_LOCAL =
  'https://www.tn.gov/revenue/taxes/sales-and-use-tax/local-sales-tax-and-single-article.html';
const VA_DMV = 'https://dmv.virginia.gov/vehicles/taxes-fees/sut';
const VA_STAT = 'https://law.lis.virginia.gov/vacode/title58.1/chapter24/section58.1-2402/';
const WV_STAT = 'https://code.wvlegislature.gov/17A-3-4/';

/** Georgia TAVT, one version per rate period (O.C.G.A. § 48-5C-1). */
function gaTavt(from: string, to: string | undefined, rate: string, verified: boolean): StateRuleVersion {
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
    docFee: { taxable: true, capNote: 'no cap; doc fees are part of the retail selling price for TAVT' },
    ...COMMON_PRODUCTS,
    lease: upfrontLease('UPFRONT_PRICE', [GA_FAQ], 'TAVT on the agreed-upon value at titling'),
    summary: `${Number(rate) * 100}% of fair market value (new: greater of selling price incl. fees and the assessment-manual value; used: assessment-manual value), less trade-in and dealer rebates`,
    sources: [GA_FAQ, GA_STAT, ...(from >= '2020-01-01' ? [GA_2023] : [])],
    verified,
    ...(verified
      ? {}
      : { assumptions: ['rate-period dates before 2020 taken from memory of O.C.G.A. § 48-5C-1 amendments'] }),
  });
}

/** Michigan-style yearly cap helpers are in the midwest file; here the Kentucky split. */
function kyUsage(from: string, to: string | undefined, tradeIn: 'USED_ONLY' | 'FULL'): StateRuleVersion {
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
    lease: upfrontLease('UPFRONT_PRICE', [KY_STAT], 'usage tax on the retail price when the leased vehicle is registered'),
    summary:
      tradeIn === 'FULL'
        ? '6% usage tax on total consideration less trade-in allowance (new and used)'
        : '6% usage tax; trade-in allowance only on used vehicles',
    sources: [KY_METHODS, KY_STAT],
    verified: false,
    assumptions: [
      'DOR: trade-in allowed on new vehicles "as of July 1, 2014"; used vehicles always (trade previously KY-registered)',
      'the 2009-2011 temporary new-vehicle trade-in incentive is not modelled',
      REBATE_ASSUMPTION,
      'lease: usage tax up front on the price',
    ],
  });
}

function vaMvsut(from: string, to: string | undefined, rate: string, min: string): StateRuleVersion {
  return version({
    effectiveFrom: from,
    ...(to ? { effectiveTo: to } : {}),
    regime: 'EXCISE',
    taxName: 'Virginia motor vehicle sales and use tax (SUT)',
    stateRate: rate,
    minimumTax: min,
    local: { applies: false, note: 'no local tax on titled vehicles (the regional add-ons do not apply)' },
    tradeIn: { kind: 'NONE' },
    // DMV: "gross sales price ... after any rebates or incentives are applied"
    manufacturerRebateTaxable: false,
    dealerRebateTaxable: false,
    docFee: { taxable: true, capNote: 'no cap; processing fee must be posted and is in the gross sales price' },
    ...COMMON_PRODUCTS,
    lease: upfrontLease('UPFRONT_PRICE', [VA_STAT], 'SUT on the vehicle price at titling'),
    summary: `${Number(rate) * 100}% of gross sales price (after rebates, incl. processing fee, no trade-in credit), at least $${min}`,
    sources: [VA_DMV, VA_STAT],
    verified: from === '2016-07-01',
    ...(from === '2016-07-01'
      ? {}
      : { assumptions: ['earlier rate steps (4.0% 2013, 4.05% 2014, 4.1% 2015) from memory of HB 2313 (2013)'] }),
  });
}

export const SOUTHEAST: StateTaxRecord[] = [
  {
    state: 'AL',
    name: 'Alabama',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        regime: 'SALES_TAX',
        taxName: 'Alabama automotive sales tax',
        stateRate: '0.02',
        local: { applies: true, note: 'counties and cities levy their own (lower) automotive rates' },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([AL_LEASE], '1.5% automotive leasing tax on each payment', { stateRate: '0.015' }),
        summary: '2% state automotive rate on price less trade-in, plus local automotive rates',
        sources: [AL_SRC, AL_STAT],
        verified: false,
        assumptions: [REBATE_ASSUMPTION, PRODUCTS_ASSUMPTION],
      }),
    ],
  },
  {
    state: 'AR',
    name: 'Arkansas',
    versions: [
      version({
        effectiveFrom: '2013-07-01',
        regime: 'SALES_TAX',
        taxName: 'Arkansas sales and use tax',
        stateRate: '0.065',
        local: { applies: true, baseCap: '2500', note: 'city/county tax on the first $2,500 of a single transaction' },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([AR_SRC], 'tax on each lease payment'),
        summary: '6.5% of price less trade-in; local tax only on the first $2,500',
        sources: [AR_SRC],
        verified: false,
        assumptions: [
          'reduced rates for low-priced used vehicles (under $4,000 exempt, $4,000-$10,000 at 3.5%) are NOT modelled',
          'local single-transaction cap $2,500',
          REBATE_ASSUMPTION,
        ],
      }),
    ],
  },
  {
    state: 'FL',
    name: 'Florida',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        regime: 'SALES_TAX',
        taxName: 'Florida sales and use tax',
        stateRate: '0.06',
        local: {
          applies: true,
          baseCap: '5000',
          note: 'county discretionary sales surtax applies only to the first $5,000 of a single item',
        },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap; must be disclosed' },
        ...COMMON_PRODUCTS,
        serviceContractTaxable: true,
        lease: monthlyLease([FL_STAT], 'tax on each lease payment; surtax on the first $5,000 of each payment'),
        summary: '6% of price less trade-in, plus county surtax on the first $5,000',
        sources: [FL_STAT, FL_SURTAX, FL_SURTAX_STAT],
        verified: false,
        assumptions: [REBATE_ASSUMPTION, 'service warranties taxable (s. 212.0506)'],
      }),
    ],
  },
  {
    state: 'GA',
    name: 'Georgia',
    versions: [
      gaTavt('2013-03-01', '2014-12-31', '0.065', false),
      gaTavt('2015-01-01', '2019-12-31', '0.07', false),
      gaTavt('2020-01-01', '2023-06-30', '0.066', true),
      gaTavt('2023-07-01', undefined, '0.07', true),
    ],
  },
  {
    state: 'KY',
    name: 'Kentucky',
    versions: [kyUsage('2000-01-01', '2014-06-30', 'USED_ONLY'), kyUsage('2014-07-01', undefined, 'FULL')],
  },
  {
    state: 'LA',
    name: 'Louisiana',
    versions: [
      ['2018-07-01', '2024-12-31', '0.0445'],
      ['2025-01-01', undefined, '0.05'],
    ].map(([from, to, rate]) =>
      version({
        effectiveFrom: from!,
        ...(to ? { effectiveTo: to } : {}),
        regime: 'SALES_TAX',
        taxName: 'Louisiana state sales and use tax',
        stateRate: rate!,
        local: { applies: true, note: 'parish/local rates apply by the buyer’s domicile' },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([LA_SRC], 'tax on each lease payment'),
        summary: `${Number(rate) * 100}% state plus parish rate on price less trade-in`,
        sources: [LA_SRC],
        verified: false,
        assumptions: ['5% from 2025-01-01 under Act 11 of the 2024 third extraordinary session', REBATE_ASSUMPTION],
      }),
    ),
  },
  {
    state: 'MS',
    name: 'Mississippi',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        regime: 'SALES_TAX',
        taxName: 'Mississippi sales tax on motor vehicles',
        stateRate: '0.05',
        local: { applies: true, note: 'a few cities levy local/tourism taxes' },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([MS_SRC], 'tax on each lease payment'),
        summary: '5% of price less trade-in (cars and light trucks)',
        sources: [MS_SRC],
        verified: false,
        assumptions: ['heavy trucks taxed at 3% not modelled', REBATE_ASSUMPTION, PRODUCTS_ASSUMPTION],
      }),
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
        lease: monthlyLease([NC_LEASE], 'lessor may elect 3% HUT on gross receipts of each lease payment', {
          stateRate: '0.03',
        }),
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
        local: { applies: false, note: 'local taxes on vehicles capped with the maximum tax; not modelled' },
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
        lease: upfrontLease('UPFRONT_PRICE', [SC_IMF], 'IMF on first registration of the leased vehicle'),
        summary: '5% of the sales price (less trade-in), not to exceed $500',
        sources: [SC_IMF],
        verified: true,
        assumptions: ['trade-in deducted as under the sales tax "sales price" definition', REBATE_ASSUMPTION],
      }),
    ],
  },
  {
    state: 'TN',
    name: 'Tennessee',
    versions: [
      version({
        effectiveFrom: '2002-07-15',
        regime: 'SALES_TAX',
        taxName: 'Tennessee sales and use tax',
        stateRate: '0.07',
        stateSlice: {
          rate: '0.0275',
          from: '1600',
          to: '3200',
          label: 'state single-article tax 2.75% on $1,600.01-$3,200',
        },
        local: { applies: true, baseCap: '1600', note: 'local option tax only on the first $1,600 of a single article' },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        serviceContractTaxable: true,
        lease: monthlyLease([TN_SA], 'tax on each lease payment; single-article limits apply to the payments'),
        summary: '7% of price less trade-in; local rate on first $1,600; 2.75% state single-article on $1,600-$3,200',
        sources: [TN_SA, TN_LOCAL],
        verified: true,
        assumptions: ['manufacturer rebate taxable (secondary sources agree)'],
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
        lease: monthlyLease([WV_STAT], '6% on each lease payment'),
        summary: '6% privilege tax on price less trade-in at titling',
        sources: [WV_STAT],
        verified: false,
        assumptions: ['lease taxed monthly', REBATE_ASSUMPTION, PRODUCTS_ASSUMPTION],
      }),
    ],
  },
];
