// Mountain-West vehicle tax rules (Montana: no sales tax; New Mexico excise; local-rate states).
// `verified: false` versions list what was assumed.
import type { StateTaxRecord } from '../schema.ts';
import {
  COMMON_PRODUCTS,
  COMMON_REBATES,
  PRODUCTS_ASSUMPTION,
  monthlyLease,
  simple,
  upfrontLease,
  version,
} from './common.ts';

const AZ_TRADE =
  'https://regulations.justia.com/states/arizona/title-15/chapter-5/article-1/r15-5-132';
const AZ_SRC = 'https://azdor.gov/business/transaction-privilege-tax';
const CO_DOR =
  'https://www.southplattesentinel.com/2023/08/10/what-you-should-know-about-motor-vehicle-taxes/';
const CO_SRC = 'https://tax.colorado.gov/sales-use-tax';
const ID_SRC = 'https://tax.idaho.gov/taxes/sales-use/';
const MT_SRC = 'https://mtrevenue.gov/taxes/miscellaneous-taxes-and-fees/';
const NV_SRC = 'https://tax.nv.gov/tax-types/sales-use-tax/';
const NM_SRC = 'https://www.mvd.newmexico.gov/vehicles/excise-tax/';
const NM_STAT = 'https://law.justia.com/codes/new-mexico/2019/chapter-7/article-14/section-7-14-4/';
const NM_MANUAL = 'http://www.mvd.newmexico.gov/Manuals/Pages/Vehicles%206D.htm';
const UT_SRC = 'https://tax.utah.gov/sales/rates';
const WY_SRC = 'https://revenue.wyo.gov/excise-tax-division';

export const MOUNTAIN: StateTaxRecord[] = [
  simple(
    'AZ',
    'Arizona',
    '2013-06-01',
    '0.056',
    'Arizona transaction privilege tax (retail)',
    [AZ_SRC, AZ_TRADE],
    {
      applies: true,
      note: 'county and city TPT apply',
    },
  ),
  simple(
    'CO',
    'Colorado',
    '2001-01-01',
    '0.029',
    'Colorado state sales tax',
    [CO_DOR, CO_SRC],
    {
      applies: true,
      note: 'county, city, RTD and special district rates apply by the buyer’s address',
    },
    {
      // DOR guidance (as published): full purchase price incl. non-optional dealer fees; no
      // reduction for a manufacturer rebate; the trade-in's value is excluded.
      verified: true,
      assumptions: [PRODUCTS_ASSUMPTION, 'lease taxed monthly'],
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
  simple('UT', 'Utah', '2008-01-01', '0.0485', 'Utah sales and use tax (state portion)', [UT_SRC], {
    applies: true,
    note: 'local option, county and transit rates apply',
  }),
  simple('WY', 'Wyoming', '2000-01-01', '0.04', 'Wyoming sales and use tax', [WY_SRC], {
    applies: true,
    note: 'county option rates apply',
  }),
];
