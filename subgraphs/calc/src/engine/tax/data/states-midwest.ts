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
const IN_TRADE_RULE =
  'https://casetext.com/regulation/indiana-administrative-code/title-45-department-of-state-revenue/article-22-sales-and-use-tax/rule-45-iac-22-5-exempt-transactions-of-a-retail-merchant/section-45-iac-22-5-52-encumbrances-on-trade-ins';
const IN_LEASE_TRADE = 'https://indianacrime.com/indiana_code/6-2p5-5-38p2.html';
const IA_STAT =
  'https://law.justia.com/codes/iowa/2018/title-viii/chapter-321/section-321.105a/index.html';
const IA_REBATE = 'https://www.law.cornell.edu/regulations/iowa/Iowa-Admin-Code-r-701-250.4';
const IA_TRADE =
  'https://d1tvxue8o4w0fl.cloudfront.net/regulation/iowa-administrative-code/agency-701-revenue-department/title-iii-sales-use-and-excise-tax/chapter-250-vehicles-subject-to-registration/rule-701-2503-trades';
const KS_PUB = 'https://ksrevenue.org/pub1526.html';
const KS_NOTICE_18_02 =
  'http://rvpolicy.kdor.ks.gov/Pilots/Ntrntpil/IPILv1x0.NSF/ae2ee39f7748055f8625655b004e9335/cfc4af5ace5f8114862582ba00530089?OpenDocument';
const KS_RATE_2019 = 'https://www.in.gov/dor/3781.htm';
const KS_SUNSET_2024 =
  'https://fastdemocracy.com/bill-summary/?billsummary_state=ks&billsummary_id=KSB00008203&billsummary_session=2021-2022';
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
const NE_REG =
  'https://regulations.justia.com/states/nebraska/revenue-department-of/title-316/chapter-1/section-316-1-020';
const NE_FORM6 = 'https://nebraskapdfforms.com/free-nebraska-6-pdf-form';
const ND_STAT = 'https://www.ndlegis.gov/cencode/t57c40-3.pdf';
const ND_DEF =
  'https://d1tvxue8o4w0fl.cloudfront.net/statute/north-dakota-century-code/title-57-taxation/chapter-57-403-motor-vehicle-excise-tax/section-57-403-01-definitions';
const ND_RULE = 'https://law.cornell.edu/regulations/north-dakota/N-D-A-C-81-5.1-01-02';
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
const WI_STAT = 'https://docs.legis.wisconsin.gov/scroll/up/545/2015/statutes/statutes/77';
const WI_WARRANTY =
  'https://docs-preview.legis.wisconsin.gov/code/admin_code/tax/11/iv/28/2/c/1/_1?down=1';
const WI_REBATE_LRB = 'http://docs.legis.wisconsin.gov/document/proposaltext/2005/REG/AB371';
const WI_TRADE_LRB = 'https://docs.legis.wisconsin.gov/2001/related/proposals/ab769/5/_2?down=1';

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
    [IN_BULLETIN, IN_TRADE_RULE, IN_LEASE_TRADE, IN_SRC],
    NO_LOCAL,
    {
      assumptions: [
        'trade-in deducted as a like-kind exchange (45 IAC 2.2-5-52; leases: IC 6-2.5-5-38.2); Information Bulletin #28S section II (trade-in, dealer price discount, manufacturer price reduction) was not readable in the copies found',
        REBATE_ASSUMPTION,
        PRODUCTS_ASSUMPTION,
      ],
    },
  ),
  simple(
    'IA',
    'Iowa',
    '2008-07-01',
    '0.05',
    'Iowa one-time registration fee (fee for new registration)',
    [IA_STAT, IA_REBATE, IA_TRADE],
    NO_LOCAL,
    {
      regime: 'EXCISE',
      // Iowa Admin. Code r. 701-250.4: a manufacturer's rebate applied to the purchase price
      // reduces the price subject to the fee; r. 701-250.3: the trade-in allowance reduces it.
      manufacturerRebateTaxable: false,
      lease: upfrontLease(
        'UPFRONT_TOTAL_PAYMENTS',
        [IA_STAT],
        '5% fee on the lease price (total of payments) at registration',
      ),
      summary:
        '5% fee for new registration on the purchase price less trade-in and manufacturer rebate',
      verified: true,
      assumptions: [
        'lease fee on the lease price up front (Iowa Code § 321.105A(3) not re-read)',
        'a manufacturer rebate counts only when paid in money and applied to the price at purchase (r. 701-250.4); rebates via manufacturer credit cards are not deductions',
        PRODUCTS_ASSUMPTION,
      ],
    },
  ),
  {
    state: 'KS',
    name: 'Kansas',
    versions: (
      [
        ['2015-07-01', '2018-06-30', true],
        ['2018-07-01', '2024-06-30', false],
        ['2024-07-01', undefined, true],
      ] as const
    ).map(([from, to, rebateTaxable]) =>
      version({
        effectiveFrom: from,
        ...(to ? { effectiveTo: to } : {}),
        regime: 'SALES_TAX',
        taxName: 'Kansas retailers’ sales tax',
        stateRate: '0.065',
        local: { applies: true, note: 'county/city rates apply by the buyer’s residence' },
        tradeIn: { kind: 'FULL' },
        // K.S.A. 79-3602(ll): a manufacturer's cash rebate on a new motor vehicle paid directly to
        // the retailer is excluded from the selling price from 2018-07-01 (HB 2111, DOR Notice
        // 18-02, sunset 2021-06-30, extended to 2024-06-30 per the 2022 supplemental note).
        manufacturerRebateTaxable: rebateTaxable,
        dealerRebateTaxable: false,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([KS_PUB], 'tax on each lease payment'),
        ...(to === undefined
          ? {
              notices: [
                {
                  text: 'Kansas: the manufacturer-rebate exclusion (K.S.A. 79-3602) had a 2024-06-30 sunset; no extension was found, so the rebate is taxed — confirm with the DOR',
                },
              ],
            }
          : {}),
        summary: `6.5% of price less full trade-in credit${rebateTaxable ? '' : ' and manufacturer cash rebate'}, plus local rates`,
        sources: rebateTaxable
          ? [KS_PUB, KS_SRC, KS_SUNSET_2024]
          : [KS_NOTICE_18_02, KS_SUNSET_2024, KS_RATE_2019, KS_PUB],
        // Only the 2018-2024 version is checked end to end: its rebate rule (Notice 18-02) and its
        // rate (6.5% in the Indiana DOR's 2019 table of other states' vehicle rates).
        verified: !rebateTaxable,
        assumptions: [
          ...(from === '2015-07-01'
            ? [
                '6.5% from 2015-07-01 not checked against a primary source (the rate is confirmed for 2019 only); manufacturer rebate taxable between the 2009-06-30 end of the first exclusion and its 2018-07-01 return',
              ]
            : []),
          ...(to === undefined
            ? [
                'manufacturer rebate taxed from 2024-07-01: the exclusion’s 2024-06-30 sunset is documented (2022 supplemental note on Senate Sub. for HB 2316); no later KDOR notice or act extending it was found (2024 HB 2098, read in a summary, changes manufacturer coupons and adds a private-sale credit but the rebate sunset is not mentioned)',
              ]
            : []),
          PRODUCTS_ASSUMPTION,
        ],
      }),
    ),
  },
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
  simple(
    'NE',
    'Nebraska',
    '2002-10-01',
    '0.055',
    'Nebraska sales and use tax',
    [NE_REG, NE_FORM6, NE_SRC],
    {
      applies: true,
      note: 'county/city rates apply by the buyer’s residence',
    },
    {
      // Form 6 (DOR Sales/Use Tax Statement for motor vehicles): line 1 total sales price, less
      // line 2 trade-in allowance, less line 3 manufacturer's rebate assigned to the dealer at the
      // time of sale = tax base; Reg-1-020.03A: tax on the price less trade-in allowance.
      manufacturerRebateTaxable: false,
      summary:
        '5.5% of price less trade-in and manufacturer rebate assigned to the dealer, plus local rates',
      verified: true,
      assumptions: ['lease taxed monthly (not checked)', PRODUCTS_ASSUMPTION],
    },
  ),
  simple(
    'ND',
    'North Dakota',
    '2000-01-01',
    '0.05',
    'North Dakota motor vehicle excise tax',
    [ND_DEF, ND_RULE, ND_STAT],
    NO_LOCAL,
    {
      regime: 'EXCISE',
      // N.D.C.C. § 57-40.3-01(5): purchase price excludes a manufacturer's incentive or discount
      // that reduces the amount paid at purchase; trade-in value is deducted.
      manufacturerRebateTaxable: false,
      // N.D.A.C. 81-05.1-01-02(2): leases of a year or more (≤ 10,000 lb) pay the excise on the
      // total consideration of the lease when the lease is initiated.
      lease: upfrontLease(
        'UPFRONT_TOTAL_PAYMENTS',
        [ND_RULE, ND_STAT],
        'excise on the total consideration of the lease at initiation (leases of a year or more, 10,000 lb or less)',
      ),
      summary: '5% excise on price less trade-in and manufacturer incentive',
      verified: true,
      assumptions: [
        'the code text read is current (2023); the version is not split at the dates the rebate and lease rules were enacted',
        PRODUCTS_ASSUMPTION,
      ],
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
  simple(
    'WI',
    'Wisconsin',
    '2000-01-01',
    '0.05',
    'Wisconsin sales and use tax',
    [WI_STAT, WI_WARRANTY, WI_REBATE_LRB, WI_TRADE_LRB, WI_SRC],
    {
      applies: true,
      note: 'county 0.5% (Milwaukee County 0.9%) and Milwaukee city 2% from 2024',
    },
    {
      // Tax 11.27(5) note: an extended warranty bought from the dealership with a car "was subject
      // to Wisconsin sales or use tax". s. 77.51(12m)(c): purchase price includes third-party
      // consideration for a price reduction (manufacturer rebates); the LRB analysis of 2005 AB
      // 371 states current law taxes the price before a manufacturer's rebate and the bill kept
      // motor vehicles out. LRB analysis of 2001 AB 769: tax is 5% of price less the trade-in.
      serviceContractTaxable: true,
      summary:
        '5% of price less trade-in; manufacturer rebate and extended warranty taxed; plus county/city rates',
      verified: true,
      assumptions: [
        'rebate and trade-in rules read from Legislative Reference Bureau analyses (2001, 2005) and s. 77.51(12m)(c) (2015 text), not the DOR Publication 202',
        'GAP not taxable; negative equity not in the base; lease taxed monthly (not checked)',
      ],
    },
  ),
];
