// Midwest vehicle tax rules, including Michigan's yearly-rising trade-in cap and Illinois' 2020-2021
// $10,000 trade-in cap.
import type { StateRuleVersion, StateTaxRecord } from '../schema.ts';
import {
  COMMON_PRODUCTS,
  COMMON_REBATES,
  NO_LOCAL,
  PRODUCTS_ASSUMPTION,
  REBATE_ASSUMPTION,
  monthlyLease,
  simple,
  upfrontLease,
  version,
} from './common.ts';

const IL_SRC = 'https://tax.illinois.gov/research/taxinformation/sales/rot.html';
const IL_CAP_2020 = 'https://www.glenviewluxuryimports.com/trade-allowance/';
const IL_CAP_END =
  'https://www.chicagoautoshow.com/new-illinois-law-removes-trade-in-tax-credit-cap-news/';
const IL_LEASE =
  'https://natlawreview.com/article/what-illinois-auto-dealers-financial-institutions-and-other-lessors-need-to-know';
const IN_BULLETIN = 'http://www.in.gov/legislative/iac/irdin.pdf?din=20210331-IR-045210101NRA';
const IN_SRC = 'https://www.in.gov/dor/business-tax/sales-tax/';
const IA_STAT =
  'https://law.justia.com/codes/iowa/2018/title-viii/chapter-321/section-321.105a/index.html';
const KS_PUB = 'https://ksrevenue.org/pub1526.html';
const KS_SRC = 'https://www.ksrevenue.gov/bustaxtypessales.html';
const MI_RULE = 'https://library.partnertax.ai/us-mi/regs/205.54';
const MI_SRC = 'https://www.michigan.gov/taxes/business-taxes/sales-use-tax';
const MI_CAP_2013 =
  'https://www.rehmann.com/resources-insights/business-wisdom-2/item/656-michigan-sales-tax-exemption-for-the-trade-in-value-for-motor-and-recreational-vehicles';
const MI_CAP_2019 =
  'https://www.michiganada.org/sales-tax-trade-in-credit-increases-to-5000-on-jan-1/';
const MI_CAP_2023 =
  'https://www.michiganada.org/partial-trade-in-sales-tax-credit-increases-max-9000/';
const MN_STAT = 'https://www.revisor.mn.gov/statutes/cite/297B.02';
const MN_DOR = 'https://www.revenue.state.mn.us/guide/motor-vehicle-sales';
const MN_LEASE = 'https://www.revenue.state.mn.us/guide/motor-vehicle-leases';
const MO_DOR = 'https://stc.mo.gov/faq/how-much-will-the-sales-tax-on-my-vehicle-purchase-be/';
const MO_SRC = 'https://dor.mo.gov/taxation/business/tax-types/sales-use/';
const NE_SRC = 'https://revenue.nebraska.gov/businesses/sales-and-use-tax';
const ND_STAT = 'https://www.ndlegis.gov/cencode/t57c40-3.pdf';
const OH_SRC = 'https://tax.ohio.gov/business/ohio-business-taxes/sales-and-use';
const OH_STAT = 'https://codes.ohio.gov/ohio-revised-code/section-5739.01';
const OH_REBATE = 'http://www.tax.ohio.gov/faq/tabid/6315/Default.aspx?QuestionID=505&AFMID=11354';
const OH_LEASE = 'http://www.tax.ohio.gov/faq/tabid/6315/Default.aspx?QuestionID=510&AFMID=11354';
const OH_TRADE =
  'http://www.tax.ohio.gov/sales_and_use/faqs/sales_watercraft/tabid/3098/Default.aspx?QuestionID=507&AFMID=9575';
const SD_PRICE =
  'https://instalawyer.io/laws/south-dakota-codified-laws/section-32-5b-4-purchase-price';
const SD_STAT = 'https://sdlegislature.gov/Statutes/32-5B-1';
const WI_SRC = 'https://www.revenue.wi.gov/Pages/FAQS/pcs-taxrates.aspx';

/** Michigan trade-in cap by period (delivery date decides). 2013 act: $2,000 from 2013-12-15,
 *  +$500 each January from 2015. PA 1 & 2 of 2018: $5,000 in 2019, +$1,000 each January until the
 *  cap passes $14,000, then full credit (2029). */
const MI_CAPS: Array<[string, string | undefined, string | undefined]> = [
  ['2013-12-15', '2014-12-31', '2000'],
  ['2015-01-01', '2015-12-31', '2500'],
  ['2016-01-01', '2016-12-31', '3000'],
  ['2017-01-01', '2017-12-31', '3500'],
  ['2018-01-01', '2018-12-31', '4000'],
  ...Array.from({ length: 10 }, (_, i): [string, string, string] => [
    `${2019 + i}-01-01`,
    `${2019 + i}-12-31`,
    String(5000 + 1000 * i),
  ]),
  ['2029-01-01', undefined, undefined],
];

function miVersion([from, to, cap]: [
  string,
  string | undefined,
  string | undefined,
]): StateRuleVersion {
  return version({
    effectiveFrom: from,
    ...(to ? { effectiveTo: to } : {}),
    regime: 'SALES_TAX',
    taxName: 'Michigan sales/use tax',
    stateRate: '0.06',
    local: NO_LOCAL,
    tradeIn: cap ? { kind: 'CAPPED', cap } : { kind: 'FULL' },
    ...COMMON_REBATES,
    docFee: { taxable: true, capNote: 'cap indexed every two years by the Secretary of State' },
    ...COMMON_PRODUCTS,
    lease: monthlyLease([MI_SRC], 'use tax on each lease payment; no trade-in credit on leases'),
    summary: cap
      ? `6% of price less trade-in credit capped at $${Number(cap).toLocaleString('en-US')}`
      : '6% of price less full trade-in credit',
    sources: [
      MI_RULE,
      MI_SRC,
      from < '2019-01-01' ? MI_CAP_2013 : from < '2023-01-01' ? MI_CAP_2019 : MI_CAP_2023,
    ],
    verified: from >= '2019-01-01',
    assumptions: [
      'cap schedule from the Treasury/MADA notices: 2013 act +$500/yr to 2018 ($4,000), 2018 acts $5,000 in 2019 +$1,000/yr, full credit from 2029',
      REBATE_ASSUMPTION,
    ],
  });
}

function ilVersion(from: string, to: string | undefined, capped: boolean): StateRuleVersion {
  return version({
    effectiveFrom: from,
    ...(to ? { effectiveTo: to } : {}),
    regime: 'SALES_TAX',
    taxName: 'Illinois retailers’ occupation (sales) tax',
    stateRate: '0.0625',
    local: { applies: true, note: 'county/municipal/RTA rates apply' },
    tradeIn: capped ? { kind: 'CAPPED', cap: '10000' } : { kind: 'FULL' },
    ...COMMON_REBATES,
    docFee: { taxable: true, capNote: 'cap indexed yearly (CPI) by the Attorney General' },
    ...COMMON_PRODUCTS,
    lease: upfrontLease(
      'UPFRONT_TOTAL_PAYMENTS',
      [IL_LEASE],
      'since 2015 (P.A. 98-628): tax on the amount due at signing plus all payments over the term, due at lease origination; no trade-in credit on leases',
    ),
    summary: capped
      ? '6.25% plus local on price less trade-in credit capped at $10,000 (passenger vehicles)'
      : '6.25% plus local on price less full trade-in credit',
    sources: [IL_SRC, ...(capped ? [IL_CAP_2020] : from >= '2022-01-01' ? [IL_CAP_END] : [])],
    verified: from >= '2020-01-01',
    assumptions: [
      'cap applies to first-division (passenger) vehicles only; pickup trucks kept full credit (not modelled)',
      REBATE_ASSUMPTION,
    ],
  });
}

export const MIDWEST: StateTaxRecord[] = [
  {
    state: 'IL',
    name: 'Illinois',
    versions: [
      ilVersion('2015-01-01', '2019-12-31', false),
      ilVersion('2020-01-01', '2021-12-31', true),
      ilVersion('2022-01-01', undefined, false),
    ],
  },
  simple(
    'IN',
    'Indiana',
    '2008-04-01',
    '0.07',
    'Indiana sales tax',
    [IN_BULLETIN, IN_SRC],
    NO_LOCAL,
  ),
  simple(
    'IA',
    'Iowa',
    '2008-07-01',
    '0.05',
    'Iowa one-time registration fee (fee for new registration)',
    [IA_STAT],
    NO_LOCAL,
    {
      regime: 'EXCISE',
      lease: upfrontLease(
        'UPFRONT_TOTAL_PAYMENTS',
        [IA_STAT],
        '5% fee on the lease price (total of payments) at registration',
      ),
      assumptions: [
        'lease fee on the lease price up front',
        REBATE_ASSUMPTION,
        PRODUCTS_ASSUMPTION,
      ],
    },
  ),
  simple('KS', 'Kansas', '2015-07-01', '0.065', 'Kansas retailers’ sales tax', [KS_PUB, KS_SRC], {
    applies: true,
    note: 'county/city rates apply by the buyer’s residence',
  }),
  { state: 'MI', name: 'Michigan', versions: MI_CAPS.map(miVersion) },
  {
    state: 'MN',
    name: 'Minnesota',
    versions: [
      ['2008-07-01', '2023-06-30', '0.065'],
      ['2023-07-01', undefined, '0.06875'],
    ].map(([from, to, rate]) =>
      version({
        effectiveFrom: from!,
        ...(to ? { effectiveTo: to } : {}),
        regime: 'EXCISE',
        taxName: 'Minnesota motor vehicle sales tax (MVST)',
        stateRate: rate!,
        local: {
          applies: false,
          note: 'local sales taxes do not apply to vehicle sales; a flat local vehicle excise tax may (not modelled)',
        },
        tradeIn: { kind: 'FULL' },
        // DOR: "taxable sales price = vehicle sales price − rebates − trade-in allowance"; do not
        // tax extended warranties or registration, license and document fees.
        manufacturerRebateTaxable: false,
        dealerRebateTaxable: false,
        docFee: {
          taxable: false,
          capNote: 'dealer documentary fee cap set by statute (not modelled)',
        },
        ...COMMON_PRODUCTS,
        lease: upfrontLease(
          'UPFRONT_TOTAL_PAYMENTS',
          [MN_LEASE],
          'general sales tax (6.875%, plus local) on the total lease price at inception: vehicle value less rebates, residual and trade-in, plus taxable add-ons and rent charge',
          { stateRate: '0.06875', localApplies: true },
        ),
        notices: [
          {
            text: 'a local vehicle excise tax (flat amount) may apply in some cities/counties; not included',
          },
        ],
        summary: `${+(Number(rate) * 100).toFixed(3)}% MVST on the price less rebates and trade-in; warranties and document fees not taxed`,
        sources: [MN_DOR, MN_STAT],
        verified: true,
        assumptions: [
          '"document fees" in the DOR list read as including the dealer documentary fee',
        ],
      }),
    ),
  },
  simple(
    'MO',
    'Missouri',
    '2000-01-01',
    '0.04225',
    'Missouri state sales/use tax',
    [MO_DOR, MO_SRC],
    {
      applies: true,
      note: 'local rates of the buyer’s address apply (collected at titling)',
    },
    {
      // DOR (quoted by the State Tax Commission): tax on the net purchase price "after rebates and
      // trade-ins"; local taxes of the buyer's city/county, not the dealer's.
      manufacturerRebateTaxable: false,
      verified: true,
      assumptions: [PRODUCTS_ASSUMPTION, 'lease taxed monthly'],
    },
  ),
  simple('NE', 'Nebraska', '2002-10-01', '0.055', 'Nebraska sales and use tax', [NE_SRC], {
    applies: true,
    note: 'county/city rates apply by the buyer’s residence',
  }),
  simple(
    'ND',
    'North Dakota',
    '2000-01-01',
    '0.05',
    'North Dakota motor vehicle excise tax',
    [ND_STAT],
    NO_LOCAL,
    {
      regime: 'EXCISE',
      assumptions: ['lease taxed monthly', REBATE_ASSUMPTION, PRODUCTS_ASSUMPTION],
    },
  ),
  {
    state: 'OH',
    name: 'Ohio',
    versions: [
      version({
        effectiveFrom: '2013-09-01',
        regime: 'SALES_TAX',
        taxName: 'Ohio sales and use tax',
        stateRate: '0.0575',
        local: { applies: true, note: 'county permissive rates apply by the buyer’s county' },
        tradeIn: { kind: 'NEW_ONLY' },
        ...COMMON_REBATES,
        docFee: {
          taxable: true,
          cap: '250',
          capNote: '$250 or 10% of the price, whichever is less',
        },
        ...COMMON_PRODUCTS,
        serviceContractTaxable: true,
        lease: upfrontLease(
          'UPFRONT_TOTAL_PAYMENTS',
          [OH_LEASE],
          'since 2002-02-01: tax collected up front on the amount paid over the lease term (cash down included), at the lessee county rate',
        ),
        summary: '5.75% plus county rate; trade-in credit only when buying a new vehicle',
        sources: [OH_TRADE, OH_REBATE, OH_LEASE, OH_SRC, OH_STAT],
        verified: true,
        assumptions: [
          '5.75% state rate and the doc-fee cap ($250 / 10%, R.C. 4517.261) from memory',
        ],
      }),
    ],
  },
  simple(
    'SD',
    'South Dakota',
    '2000-01-01',
    '0.04',
    'South Dakota motor vehicle excise tax',
    [SD_PRICE, SD_STAT],
    NO_LOCAL,
    {
      regime: 'EXCISE',
      lease: upfrontLease(
        'UPFRONT_PRICE',
        [SD_PRICE],
        'SDCL 32-5B-4: the excise applies to a "sale or lease" on the purchase price at titling',
      ),
      verified: true,
      assumptions: [
        'manufacturer rebates not deducted (purchase price is stated before rebates, per a secondary guide)',
        PRODUCTS_ASSUMPTION,
      ],
    },
  ),
  simple('WI', 'Wisconsin', '2000-01-01', '0.05', 'Wisconsin sales and use tax', [WI_SRC], {
    applies: true,
    note: 'county 0.5% (Milwaukee County 0.9%) and Milwaukee city 2% from 2024',
  }),
];
