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
const AZ_COUPON = 'https://www.law.cornell.edu/regulations/arizona/Ariz-Admin-Code-SS-R15-5-129';
const AZ_SELLERS =
  'https://azdor.gov/transaction-privilege-tax-tpt/retail-sales-subject-tpt/state-sellers';
const AZ_WARRANTY = 'https://www.law.cornell.edu/regulations/arizona/Ariz-Admin-Code-SS-R15-5-137';
const CO_DOR = 'https://tax.colorado.gov/motor-vehicle';
const CO_RULE =
  'https://casetext.com/regulation/colorado-administrative-code/department-200-department-of-revenue/division-201-taxation-division/rule-1-ccr-201-4-sales-and-use-tax/rule-39-26-1027a';
const CO_RECEIPT = 'https://tax.colorado.gov/DR0024N';
const CO_SRC = 'https://tax.colorado.gov/sales-use-tax';
const ID_SRC = 'https://tax.idaho.gov/taxes/sales-use/';
const ID_PRICE =
  'https://tax.idaho.gov/taxes/sales-use/transportation/off-highway-vehicles/dealer-sales';
const ID_RULE = 'https://www.law.cornell.edu/regulations/idaho/IDAPA-35.01.02.106';
const ID_LEASE = 'https://tax.idaho.gov/search-category/sales-tax/page/72';
const MT_SRC = 'https://mtrevenue.gov/taxes/miscellaneous-taxes-and-fees/';
const NV_SRC = 'https://tax.nv.gov/tax-types/sales-use-tax/';
const NV_STAT = 'https://legalfix.com/statutes/state-codes/nevada/chapter-372/statute-372-065';
const NV_AUTO = 'https://abcdocz.com/doc/116416/state-of-nevada-department-of-taxation';
const NM_SRC = 'https://www.mvd.newmexico.gov/vehicles/excise-tax/';
const NM_STAT = 'https://law.justia.com/codes/new-mexico/2019/chapter-7/article-14/section-7-14-4/';
const NM_MANUAL = 'http://www.mvd.newmexico.gov/Manuals/Pages/Vehicles%206D.htm';
const UT_SRC = 'https://tax.utah.gov/sales/rates';
const UT_PUB5 = 'https://tax.utah.gov/forms-pubs/pub-05';
const UT_TRADE = 'https://www.law.cornell.edu/regulations/utah/Utah-Admin-Code-R865-19S-72';
const WY_SRC = 'https://revenue.wyo.gov/excise-tax-division';
const WY_PRICE = 'https://www.campbellcountywy.gov/807/Sales-Tax';
const WY_PRICE_2 = 'https://tetoncountywy.gov/2878/Sales-Tax';

export const MOUNTAIN: StateTaxRecord[] = [
  simple(
    'AZ',
    'Arizona',
    '2013-06-01',
    '0.056',
    'Arizona transaction privilege tax (retail)',
    [AZ_TRADE, AZ_COUPON, AZ_SELLERS, AZ_WARRANTY, AZ_SRC],
    {
      applies: true,
      note: 'county and city TPT apply',
    },
    {
      // R15-5-132 and the DOR in-state sellers page: TPT on the selling price less the trade-in.
      // R15-5-129(C)/(D): manufacturer coupons redeemed by the retailer are not deductions (gross
      // price taxable); the retailer's own discounts reduce the price. R15-5-137(C) refers to the
      // A.R.S. § 42-5061(A) exclusion for separately sold warranty/service contracts.
      summary:
        '5.6% TPT (retail) on price less trade-in; manufacturer rebate taxed; plus county and city TPT',
      verified: true,
      assumptions: [
        'manufacturer cash rebates treated like manufacturer coupons under R15-5-129(C) (taxable) — no vehicle-specific ruling was found',
        'GAP not taxable; negative equity not in the base; lease taxed monthly (not checked)',
      ],
    },
  ),
  simple(
    'CO',
    'Colorado',
    '2001-01-01',
    '0.029',
    'Colorado state sales tax',
    [CO_RULE, CO_DOR, CO_RECEIPT, CO_SRC],
    {
      applies: true,
      note: 'county, city, RTD and special district rates apply by the buyer’s address',
    },
    {
      // 1 CCR 201-4 Rule 39-26-102(7): purchase price includes consideration whereby the
      // manufacturer reimburses the retailer for part of the price (rebates are taxed) and excludes
      // property taken in exchange for resale (trade-ins). DOR motor-vehicle guidance: non-optional
      // dealer fees are part of the taxable purchase price.
      verified: true,
      assumptions: [PRODUCTS_ASSUMPTION, 'lease taxed monthly'],
    },
  ),
  simple(
    'ID',
    'Idaho',
    '2006-10-01',
    '0.06',
    'Idaho sales and use tax',
    [ID_PRICE, ID_RULE, ID_LEASE, ID_SRC],
    {
      applies: false,
      note: 'resort-city taxes generally not applied to vehicles',
    },
    {
      // Tax Commission, dealer sales price: includes dealer document fees and manufacturer's
      // rebates; excludes separately stated optional service/warranty agreements and GAP.
      // Leases: tax on each lease payment, taxable price figured as for a sale.
      lease: monthlyLease([ID_LEASE], 'tax on each lease payment'),
      summary: '6% of price less trade-in; manufacturer rebate and doc fee taxable',
      verified: true,
      assumptions: [
        'the sales-price list was read on the Commission’s dealer page for off-highway vehicles (same sales-price definition, Idaho Code § 63-3613); the motor-vehicle dealer page itself was not available',
        'negative equity not in the base (not checked)',
      ],
    },
  ),
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
    [NV_STAT, NV_AUTO, NV_SRC],
    {
      applies: true,
      note: 'county option rates apply',
    },
    {
      // NRS 372.065(3)(e): the allowance for a used vehicle taken in trade is not in the sales
      // price. Department of Taxation auto-industry guide: gross receipts include manufacturer's
      // rebates and mandatory warranties; dealer discounts and optional warranties are excluded.
      summary:
        '6.85% state-mandated rate on price less trade-in (manufacturer rebate taxed), plus county rates',
      verified: true,
      assumptions: [
        'doc fee taxable as a dealer charge in the price; lease taxed monthly (not checked)',
      ],
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
  simple(
    'UT',
    'Utah',
    '2008-01-01',
    '0.0485',
    'Utah sales and use tax (state portion)',
    [UT_TRADE, UT_PUB5, UT_SRC],
    {
      applies: true,
      note: 'local option, county and transit rates apply',
    },
    {
      assumptions: [
        'trade-in confirmed (R865-19S-72: tax on the difference, $8,500 car less $6,500 trade = $2,000)',
        'Publication 5 (Rev. 8/24) lists dealer preparation and similar fees as taxable; its rebate passage was not read, so the manufacturer rebate is treated as taxable (not checked)',
        PRODUCTS_ASSUMPTION,
      ],
    },
  ),
  simple(
    'WY',
    'Wyoming',
    '2000-01-01',
    '0.04',
    'Wyoming sales and use tax',
    [WY_PRICE, WY_PRICE_2, WY_SRC],
    {
      applies: true,
      note: 'county option rates apply by the purchaser’s county of residence',
    },
    {
      // County treasurers (who collect the tax at registration): taxable sales price is the price
      // less the gross trade-in allowance, including transportation and documentation fees and
      // add-ons, excluding extended warranties, rebates assigned to the dealer and GAP insurance.
      manufacturerRebateTaxable: false,
      summary:
        '4% of price less trade-in and rebates assigned to the dealer; doc fee taxable; plus county rates',
      verified: true,
      assumptions: ['lease taxed monthly; negative equity not in the base (not checked)'],
    },
  ),
];
