// Deep-South vehicle tax rules: Alabama's automotive rate, Arkansas' and Florida's local caps,
// Tennessee's single-article tax.
import type { StateTaxRecord } from '../schema.ts';
import {
  COMMON_PRODUCTS,
  COMMON_REBATES,
  PRODUCTS_ASSUMPTION,
  REBATE_ASSUMPTION,
  monthlyLease,
  version,
} from './common.ts';

const AL_SRC = 'https://www.revenue.alabama.gov/sales-use/automotive-sales-tax/';
const AL_GUIDE = 'http://leasewizard.us/alabama';
const AL_STAT = 'https://law.justia.com/codes/alabama/title-40/chapter-23/section-40-23-2/';
const AL_LEASE =
  'https://law.justia.com/codes/alabama/title-40/chapter-12/article-8/section-40-12-222/';
const AR_ACT1013 =
  'https://www.arkansasonline.com/news/2022/jan/02/arkansas-sales-tax-on-used-vehicles-trailers-and/';
const AR_SRC = 'https://www.dfa.arkansas.gov/excise-tax/sales-and-use-tax/';
const AR_USED = 'https://legalclarity.org/arkansas-used-car-sales-tax-rules-and-exemptions';
const FL_VEHICLES = 'https://floridasalestax.com/florida-sales-tax-rules/12a-1-007';
// Rule 12A-1.018(3): a manufacturer's rebate is not a reduction of the dealer's selling price.
const FL_REBATE = 'https://floridasalestax.com/florida-sales-tax-rules/12a-1-018';
const FL_STAT = 'https://www.flsenate.gov/Laws/Statutes/2024/212.05';
const FL_SURTAX = 'https://floridarevenue.com/taxes/taxesfees/Pages/discretionary.aspx';
const FL_SURTAX_STAT = 'https://www.flsenate.gov/Laws/Statutes/2024/212.054';
const LA_SRC = 'https://revenue.louisiana.gov/SalesTax';
const LA_2025 = 'https://www.mylpsd.com/cms/One.aspx?portalId=33151940&pageId=33246810';
const MS_SRC = 'https://www.dor.ms.gov/business/sales-tax-rates';
const MS_RULE =
  'https://regulations.justia.com/states/mississippi/title-35/part-4/subpart-11/chapter-02/section-35-4-11-02-100/section-35-4-11-02-103';
const MS_COUNTY =
  'https://lamarcountyms.gov/ms/ufaq/how-much-sales-tax-do-i-pay-when-i-buy-a-vehicle';
const TN_SA =
  'https://www.tn.gov/revenue/taxes/sales-and-use-tax/single-article-special-tax-rates.html';
const TN_LOCAL =
  'https://www.tn.gov/revenue/taxes/sales-and-use-tax/local-sales-tax-and-single-article.html';

export const SOUTH: StateTaxRecord[] = [
  {
    state: 'AL',
    name: 'Alabama',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        regime: 'SALES_TAX',
        taxName: 'Alabama automotive sales tax',
        stateRate: '0.02',
        local: {
          applies: true,
          note: 'counties and cities levy their own (lower) automotive rates',
        },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([AL_LEASE], '1.5% automotive leasing tax on each payment', {
          stateRate: '0.015',
        }),
        summary: '2% state automotive rate on price less trade-in, plus local automotive rates',
        sources: [AL_STAT, AL_SRC, AL_GUIDE],
        verified: true,
        assumptions: [
          'manufacturer rebates taxable (treated as payment) per a leasing guide; trade-in on the net trade difference (§ 40-23-2)',
          PRODUCTS_ASSUMPTION,
        ],
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
        local: {
          applies: true,
          baseCap: '2500',
          note: 'city/county tax on the first $2,500 of a single transaction',
        },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([AR_SRC], 'tax on each lease payment'),
        summary: '6.5% of price less trade-in; local tax only on the first $2,500',
        sources: [AR_SRC, AR_USED, AR_ACT1013],
        verified: false,
        notices: [
          {
            condition: 'USED',
            text: 'reduced state rates for low-priced used vehicles (sources disagree on the bands: under $4,000 exempt and 3.5% up to $10,000, or 3.5% for $10,000-$14,999) are NOT applied — check with DFA',
          },
        ],
        assumptions: [
          'reduced rates for low-priced used vehicles are not modelled: Act 1013 of 2021 (3.5% state rate for used vehicles sold for $4,000-$9,999 from 2022-01-01; under $4,000 already exempt) is confirmed only by a newspaper report, and 2023/2025 bills (SB 133, SB 134, SB 82) would move the bands to $10,000-$14,999 — whether one was enacted was not found. A notice is given on used-vehicle quotes instead',
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
        lease: monthlyLease(
          [FL_STAT],
          'tax on each lease payment; surtax on the first $5,000 of each payment',
        ),
        summary: '6% of price less trade-in, plus county surtax on the first $5,000',
        sources: [FL_STAT, FL_VEHICLES, FL_REBATE, FL_SURTAX, FL_SURTAX_STAT],
        verified: true,
        assumptions: [
          'service warranties taxable (s. 212.0506); doc ("dealer") fee taxable as part of the sales price',
        ],
      }),
    ],
  },
  {
    state: 'LA',
    name: 'Louisiana',
    versions: [
      ['2016-04-01', '2018-06-30', '0.05'],
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
        sources: [LA_SRC, LA_2025],
        verified: false,
        assumptions: [
          '4% → 5% on 2016-04-01 (Act 26 of 2016), 4.45% from 2018-07-01, 5% from 2025-01-01 (Act 11 of the 2024 third extraordinary session, per a parish tax notice)',
          REBATE_ASSUMPTION,
        ],
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
        // 35 Miss. Admin. Code Pt. 4, 11-02-103: new, used and trade-in vehicles are all taxed on
        // the difference between the sales price and the trade-in allowance. County tax collector
        // (Lamar County): 5% of the price after dealer discounts and trade-ins; the taxable price
        // is not reduced by manufacturer's rebates; trucks over 10,000 lb GVW at 3%.
        notices: [
          {
            text: 'Mississippi taxes trucks over 10,000 lb GVW and carriers of property at 3%, not 5% (not applied; use a rate override)',
          },
        ],
        summary: '5% of price less trade-in (cars and light trucks); manufacturer rebate taxed',
        sources: [MS_RULE, MS_COUNTY, MS_SRC],
        verified: true,
        assumptions: ['heavy trucks taxed at 3% not modelled (notice only)', PRODUCTS_ASSUMPTION],
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
        local: {
          applies: true,
          baseCap: '1600',
          note: 'local option tax only on the first $1,600 of a single article',
        },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        serviceContractTaxable: true,
        lease: monthlyLease(
          [TN_SA],
          'tax on each lease payment; single-article limits apply to the payments',
        ),
        summary:
          '7% of price less trade-in; local rate on first $1,600; 2.75% state single-article on $1,600-$3,200',
        sources: [TN_SA, TN_LOCAL],
        verified: true,
        assumptions: ['manufacturer rebate taxable (secondary sources agree)'],
      }),
    ],
  },
];
