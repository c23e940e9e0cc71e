// West / Southwest vehicle tax rules: California (no trade-in credit), Hawaii GET, the no-tax
// states (Alaska state level, Montana, Oregon before its privilege tax), Oklahoma excise, Texas.
import type { StateRuleVersion, StateTaxRecord } from '../schema.ts';
import {
  COMMON_PRODUCTS,
  COMMON_REBATES,
  PRODUCTS_ASSUMPTION,
  REBATE_ASSUMPTION,
  monthlyLease,
  simple,
  upfrontLease,
  version,
} from './common.ts';

const AK_SRC =
  'https://www.commerce.alaska.gov/web/dcra/OfficeoftheStateAssessor/AlaskaTaxableDatabase.aspx';
const AZ_SRC = 'https://azdor.gov/business/transaction-privilege-tax';
const CA_RATES = 'https://www.cdtfa.ca.gov/taxes-and-fees/rates.aspx';
const CA_DEALERS = 'https://www.cdtfa.ca.gov/industry/motor-vehicle-dealers/';
const CA_REG1654 = 'https://www.cdtfa.ca.gov/lawguides/vol1/sutr/1654.html';
const CA_DOCFEE =
  'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=VEH&sectionNum=4456.5';
const CO_SRC = 'https://tax.colorado.gov/sales-use-tax';
const HI_SRC = 'https://tax.hawaii.gov/geninfo/get/';
const ID_SRC = 'https://tax.idaho.gov/taxes/sales-use/';
const MT_SRC = 'https://mtrevenue.gov/taxes/miscellaneous-taxes-and-fees/';
const NV_SRC = 'https://tax.nv.gov/tax-types/sales-use-tax/';
const NM_SRC = 'https://www.mvd.newmexico.gov/vehicles/excise-tax/';
const NM_STAT = 'https://law.justia.com/codes/new-mexico/2019/chapter-7/article-14/section-7-14-4/';
const NM_MANUAL = 'http://www.mvd.newmexico.gov/Manuals/Pages/Vehicles%206D.htm';
const OK_FEES = 'https://oklahoma.gov/service/all-services/auto-vehicle/fees.html';
const OK_STAT = 'https://law.justia.com/codes/oklahoma/title-68/section-68-2103/';
const OK_SALES = 'https://www.findthebestcarprice.com/oklahoma-vehicle-sales-tax-fees/';
const OK_VALUE =
  'https://casetext.com/statute/oklahoma-statutes/title-68-revenue-and-taxation/chapter-1-tax-codes/article-21-excise-tax-on-vehicles/section-2104-value-of-vehicles';
const OK_OAC =
  'https://regulations.justia.com/states/oklahoma/title-260/chapter-135/subchapter-7/part-45/section-260-135-7-242';
const OR_SRC =
  'https://www.oregon.gov/dor/programs/businesses/Pages/Vehicle-Privilege-and-Use-Taxes.aspx';
const TX_TOTAL = 'https://comptroller.texas.gov/taxes/publications/96-254/total-consideration.php';
const TX_STAT = 'https://statutes.capitol.texas.gov/Docs/TX/htm/TX.152.htm';
const UT_SRC = 'https://tax.utah.gov/sales/rates';
const WA_SRC = 'https://dor.wa.gov/taxes-rates/other-taxes/motor-vehicle-sales-use-tax';
const WA_STAT = 'https://app.leg.wa.gov/RCW/default.aspx?cite=82.08.020';
const WY_SRC = 'https://revenue.wyo.gov/excise-tax-division';

function caVersion(
  from: string,
  to: string | undefined,
  rate: string,
  docCap: string,
): StateRuleVersion {
  return version({
    effectiveFrom: from,
    ...(to ? { effectiveTo: to } : {}),
    regime: 'SALES_TAX',
    taxName: 'California sales and use tax',
    // Statewide base rate: state 6% (7.5% incl. the Prop 30 0.25% in 2013-2016) + 1.25% uniform local.
    stateRate: rate,
    local: {
      applies: true,
      includedInStateRate: '0.0125',
      note: 'district taxes (transactions and use taxes) apply by the buyer’s address',
    },
    tradeIn: { kind: 'NONE' },
    ...COMMON_REBATES,
    docFee: {
      taxable: true,
      cap: docCap,
      capNote: `Vehicle Code 4456.5: $${docCap} for DMV private-industry-partner dealers, $${Number(docCap) - 15} otherwise`,
    },
    ...COMMON_PRODUCTS,
    lease: monthlyLease(
      [CA_DEALERS],
      'tax on each lease payment; cap cost reduction taxed at signing',
    ),
    summary: `${Number(rate) * 100}% statewide plus district tax on the full price — no trade-in credit; manufacturer rebates taxable`,
    sources: [CA_RATES, CA_REG1654, CA_DOCFEE],
    verified: false,
    assumptions: [
      `doc-fee cap $${docCap} (DMV manual; the $80 → $85 change date assumed 2020-01-01)`,
      'optional service contracts and GAP not taxable',
    ],
  });
}

function okVersion(from: string, to: string | undefined, withSalesTax: boolean): StateRuleVersion {
  return version({
    effectiveFrom: from,
    ...(to ? { effectiveTo: to } : {}),
    regime: 'EXCISE',
    taxName: 'Oklahoma motor vehicle excise tax',
    stateRate: '0.0325',
    flatFirst: { amount: '20', upTo: '1500', condition: 'USED' },
    ...(withSalesTax
      ? {
          additional: {
            name: 'Oklahoma sales tax on vehicles',
            rate: '0.0125',
            sources: [OK_SALES],
          },
        }
      : {}),
    local: { applies: false, note: 'excise replaces state and local sales tax' },
    // 68 O.S. § 2104(B): value is the actual sales price BEFORE trade-in credits; OAC
    // 260:135-7-242: documentary, financing, insurance and maintenance-agreement fees excluded.
    tradeIn: { kind: 'NONE' },
    ...COMMON_REBATES,
    docFee: { taxable: false, capNote: 'no cap' },
    ...COMMON_PRODUCTS,
    lease: upfrontLease(
      'UPFRONT_PRICE',
      [OK_STAT],
      'excise paid at registration on the vehicle value',
    ),
    notices: [
      {
        text: 'bills to allow a trade-in deduction from the excise value (68 O.S. § 2104) were pending in 2025-2026; not applied',
      },
    ],
    summary: `new: 3.25% excise on price; used: $20 on the first $1,500 then 3.25%${withSalesTax ? '; plus 1.25% sales tax' : ''}`,
    sources: [OK_VALUE, OK_OAC, OK_FEES, OK_STAT],
    verified: false,
    assumptions: [
      'used-vehicle $20 on first $1,500 per Oklahoma Policy Institute summary of 68 O.S. § 2103',
      '1.25% sales tax on vehicles from 2017-07-01 (HB 2433) per a dealer guide, on the same base as the excise',
      REBATE_ASSUMPTION,
    ],
  });
}

export const WEST: StateTaxRecord[] = [
  {
    state: 'AK',
    name: 'Alaska',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        regime: 'NONE',
        taxName: 'none at state level',
        stateRate: '0',
        local: {
          applies: true,
          note: 'some boroughs/cities levy sales tax, often with per-item caps',
        },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: false, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([AK_SRC], 'no state tax; local sales tax may apply to payments'),
        summary: 'no state sales tax; local borough/city sales tax may apply',
        sources: [AK_SRC],
        verified: true,
        assumptions: ['local caps per item differ by city and are not modelled'],
      }),
    ],
  },
  simple(
    'AZ',
    'Arizona',
    '2013-06-01',
    '0.056',
    'Arizona transaction privilege tax (retail)',
    [AZ_SRC],
    {
      applies: true,
      note: 'county and city TPT apply',
    },
  ),
  {
    state: 'CA',
    name: 'California',
    versions: [
      caVersion('2013-01-01', '2016-12-31', '0.075', '80'),
      caVersion('2017-01-01', '2019-12-31', '0.0725', '80'),
      caVersion('2020-01-01', undefined, '0.0725', '85'),
    ],
  },
  simple('CO', 'Colorado', '2001-01-01', '0.029', 'Colorado state sales tax', [CO_SRC], {
    applies: true,
    note: 'county, city, RTD and special district rates apply by the buyer’s address',
  }),
  simple(
    'HI',
    'Hawaii',
    '2000-01-01',
    '0.04',
    'Hawaii general excise tax (GET)',
    [HI_SRC],
    {
      applies: true,
      note: 'county surcharge 0.5% (Oahu, Kauai, Hawaii; Maui from 2024)',
    },
    {
      tradeIn: { kind: 'NONE' },
      summary: '4% GET plus county surcharge on gross proceeds — no trade-in credit',
      assumptions: [
        'no trade-in credit under the GET (tax on gross proceeds)',
        REBATE_ASSUMPTION,
        PRODUCTS_ASSUMPTION,
      ],
    },
  ),
  simple('ID', 'Idaho', '2006-10-01', '0.06', 'Idaho sales and use tax', [ID_SRC], {
    applies: false,
    note: 'resort-city taxes generally not applied to vehicles',
  }),
  {
    state: 'MT',
    name: 'Montana',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        regime: 'NONE',
        taxName: 'none (Montana has no sales tax)',
        stateRate: '0',
        local: { applies: false, note: 'no local sales tax on vehicles' },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: false, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([MT_SRC], 'no tax on leases'),
        summary: 'no sales tax on vehicles (registration fees only)',
        sources: [MT_SRC],
        verified: true,
      }),
    ],
  },
  simple(
    'NV',
    'Nevada',
    '2009-07-01',
    '0.0685',
    'Nevada sales and use tax (state-mandated portion)',
    [NV_SRC],
    {
      applies: true,
      note: 'county option rates apply',
    },
  ),
  {
    state: 'NM',
    name: 'New Mexico',
    versions: [
      ['2000-01-01', '2019-06-30', '0.03'],
      ['2019-07-01', undefined, '0.04'],
    ].map(([from, to, rate]) =>
      version({
        effectiveFrom: from!,
        ...(to ? { effectiveTo: to } : {}),
        regime: 'EXCISE',
        taxName: 'New Mexico motor vehicle excise tax',
        stateRate: rate!,
        local: { applies: false, note: 'excise replaces gross receipts tax on vehicle sales' },
        tradeIn: { kind: 'FULL' },
        // 3.11.4.7(D) NMAC: "price paid" is reduced by trade-in value and by discounts or rebates
        // applied to the buyer's balance due at the time of sale.
        manufacturerRebateTaxable: false,
        dealerRebateTaxable: false,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: upfrontLease('UPFRONT_PRICE', [NM_SRC], 'excise paid at titling by the lessor'),
        summary: `${Number(rate) * 100}% excise on price less trade-in at titling`,
        sources: [NM_STAT, NM_MANUAL],
        verified: true,
        assumptions: [
          'the table starts in 2000 at 3% (the 3% rate is older; earlier history not needed)',
          'doc fee in "price paid" as a dealer charge; ' + PRODUCTS_ASSUMPTION,
        ],
      }),
    ),
  },
  {
    state: 'OK',
    name: 'Oklahoma',
    versions: [
      okVersion('2000-01-01', '2017-06-30', false),
      okVersion('2017-07-01', undefined, true),
    ],
  },
  {
    state: 'OR',
    name: 'Oregon',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        effectiveTo: '2017-12-31',
        regime: 'NONE',
        taxName: 'none (Oregon has no sales tax)',
        stateRate: '0',
        local: { applies: false, note: 'no local sales tax' },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: false, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([OR_SRC], 'no tax on leases'),
        summary: 'no sales tax on vehicles',
        sources: [OR_SRC],
        verified: true,
      }),
      version({
        effectiveFrom: '2018-01-01',
        regime: 'PRIVILEGE',
        taxName: 'Oregon vehicle privilege tax',
        stateRate: '0.005',
        onlyCondition: 'NEW',
        local: { applies: false, note: 'no local sales tax' },
        tradeIn: { kind: 'NONE' },
        ...COMMON_REBATES,
        docFee: { taxable: false, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: upfrontLease(
          'UPFRONT_PRICE',
          [OR_SRC],
          'privilege tax on the retail price of a new vehicle, paid by the dealer',
        ),
        summary:
          '0.5% privilege tax on the retail price of new vehicles sold by Oregon dealers; used vehicles none',
        sources: [OR_SRC],
        verified: false,
        assumptions: [
          'retail price before trade-in',
          'doc fee not part of the retail price',
          REBATE_ASSUMPTION,
        ],
      }),
    ],
  },
  {
    state: 'TX',
    name: 'Texas',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        regime: 'SALES_TAX',
        taxName: 'Texas motor vehicle sales and use tax',
        stateRate: '0.0625',
        local: { applies: false, note: 'no local tax on motor vehicle sales' },
        tradeIn: { kind: 'FULL' },
        // Comptroller: manufacturer and dealer rebates passed to the customer reduce total consideration.
        manufacturerRebateTaxable: false,
        dealerRebateTaxable: false,
        docFee: {
          taxable: true,
          capNote: 'no hard cap; OCCC publishes a presumptively reasonable amount',
        },
        ...COMMON_PRODUCTS,
        lease: upfrontLease(
          'UPFRONT_PRICE',
          [TX_STAT],
          'the lessor pays motor vehicle tax on its purchase price',
        ),
        summary: '6.25% of price less full trade-in credit; no local tax',
        sources: [TX_TOTAL, TX_STAT],
        verified: true,
        assumptions: [
          'doc fee taxable as part of total consideration (service charges are not deductions)',
        ],
      }),
    ],
  },
  simple('UT', 'Utah', '2008-01-01', '0.0485', 'Utah sales and use tax (state portion)', [UT_SRC], {
    applies: true,
    note: 'local option, county and transit rates apply',
  }),
  simple(
    'WA',
    'Washington',
    '2003-01-01',
    '0.068',
    'Washington sales tax + 0.3% motor vehicle sales tax',
    [WA_SRC, WA_STAT],
    {
      applies: true,
      note: 'local rates apply (and RTA tax in Sound Transit area)',
    },
    {
      docFee: { taxable: true, cap: '200', capNote: 'documentary service fee cap' },
      serviceContractTaxable: true,
      assumptions: ['doc-fee cap $200', 'service contracts taxable in WA', REBATE_ASSUMPTION],
    },
  ),
  simple('WY', 'Wyoming', '2000-01-01', '0.04', 'Wyoming sales and use tax', [WY_SRC], {
    applies: true,
    note: 'county option rates apply',
  }),
];
