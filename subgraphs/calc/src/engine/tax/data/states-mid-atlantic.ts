// Mid-Atlantic + DC vehicle tax rules (DC weight/MPG excise, DE document fee, MD titling tax,
// NJ/NY up-front lease tax, PA lease tax). `verified: false` versions list what was assumed.
import type { StateRuleVersion, StateTaxRecord } from '../schema.ts';
import {
  COMMON_PRODUCTS,
  COMMON_REBATES,
  NO_LOCAL,
  REBATE_ASSUMPTION,
  monthlyLease,
  upfrontLease,
  version,
} from './common.ts';

const DE_STAT = 'https://delcode.delaware.gov/title30/c030/index.html';
const DE_PRICE = 'https://law.justia.com/codes/delaware/2020/title-30/chapter-30/section-3001/';
const DE_FEE = 'https://law.justia.com/codes/delaware/2021/title-30/chapter-30/section-3002/';
const DE_2015 =
  'https://www.delawareonline.com/story/news/local/2015/10/30/paying-more-dmv-get-details/74870602/';
const DE_2015_EFFECTIVE =
  'https://www.delawarepublic.org/politics-government/2015-10-01/new-dmv-fee-hikes-take-effect';
const DE_TRADE_REG =
  'https://d1tvxue8o4w0fl.cloudfront.net/regulation/delaware-administrative-code/title-2-transportation/department-of-transportation/division-of-motor-vehicles/vehicle-services/vehicle-document-fees/section-2266-40-trade-in-allowance';
const DC_SRC = 'https://dmv.dc.gov/node/155502';
const DC_STAT = 'https://code.dccouncil.gov/us/dc/council/code/sections/50-2201.03';
const NJ_LEASE = 'https://nj.gov/treasury/taxation/mvleasetrans.shtml';
const NY_DOCFEE = 'https://nyiada.org/2021/09/new-york-doc-fee-increase-starts-august-18/';
const MD_BULLETIN = 'https://mva.prod.maryland.gov/node/223';
const MD_CAP = 'https://sbybiz.org/md-tax-fee-increases-wont-affect-everyone/';
const MD_STAT =
  'https://law.justia.com/codes/maryland/transportation/title-13/subtitle-8/part-iii/section-13-809/';
const MD_BILL = 'https://mgaleg.maryland.gov/mgawebsite/Legislation/Details/HB0754?ys=2024RS';
// N.J.A.C. 18:24-7.4: tax on the full purchase price less a like-kind trade-in; 18:24-7.5:
// warranties/service agreements and documentary service fees are part of the taxable price.
const NJ_TRADE =
  'https://regulations.justia.com/states/new-jersey/title-18/chapter-24/subchapter-7/section-18-24-7-4';
const NJ_CHARGES =
  'https://regulations.justia.com/states/new-jersey/title-18/chapter-24/subchapter-7/section-18-24-7-5';
const NJ_SRC = 'https://www.nj.gov/treasury/taxation/su_over.shtml';
const NY_TSB =
  'https://ezel.ai/tax-rulings/ny/tsb-a-14-7s-whether-the-trade-in-credit-allowed-by-a-car-dealer-upon-purchase-of';
const NY_PUB718 = 'https://www.tax.ny.gov/pdf/publications/sales/pub718.pdf';
const NY_LEASE = 'https://www.nysenate.gov/legislation/laws/TAX/1111';
const PA_CALC =
  'https://d1tvxue8o4w0fl.cloudfront.net/regulation/pennsylvania-code-rules-and-regulations/title-61-revenue/part-i-department-of-revenue/subpart-b-general-fund-revenues/article-ii-sales-and-use-tax/chapter-31-imposition/vehicles/section-3144-computation-of-tax';
const PA_SRC = 'https://www.revenue.pa.gov/TaxTypes/SUT/Pages/default.aspx';
const PA_LEASE =
  'https://www.revenue.pa.gov/TaxTypes/MotorVehicleLeaseRentalTaxandFee/Pages/default.aspx';

/** DC excise: by curb weight until 2021-01-31; from 2021-02-01 by weight and EPA city MPG
 *  (DMV table under the CleanEnergy DC Omnibus Amendment Act of 2018). */
function dcVersion(from: string, to: string | undefined, mpg: boolean): StateRuleVersion {
  const col = (r: string[]) => [0, 21, 26, 31, 40].map((minMpg, i) => ({ minMpg, rate: r[i]! }));
  return version({
    effectiveFrom: from,
    ...(to ? { effectiveTo: to } : {}),
    regime: 'EXCISE',
    taxName: 'DC motor vehicle excise tax',
    // Shown for leases and when no weight/MPG is given: a 4,000 lb, 21 MPG vehicle.
    stateRate: mpg ? '0.054' : '0.07',
    weightBands: mpg
      ? [
          {
            minLbs: 0,
            maxLbs: 3500,
            rate: '0.081',
            byMpg: col(['0.081', '0.044', '0.031', '0.022', '0.01']),
          },
          {
            minLbs: 3500,
            maxLbs: 5000,
            rate: '0.091',
            byMpg: col(['0.091', '0.054', '0.041', '0.032', '0.02']),
          },
          { minLbs: 5000, rate: '0.101', byMpg: col(['0.101', '0.064', '0.051', '0.042', '0.03']) },
        ]
      : [
          { minLbs: 0, maxLbs: 3500, rate: '0.06' },
          { minLbs: 3500, maxLbs: 5000, rate: '0.07' },
          { minLbs: 5000, rate: '0.08' },
        ],
    local: { applies: false, note: 'DC is a single jurisdiction' },
    tradeIn: { kind: 'NONE' },
    ...COMMON_REBATES,
    docFee: { taxable: true, capNote: 'no cap' },
    ...COMMON_PRODUCTS,
    lease: upfrontLease('UPFRONT_PRICE', [DC_SRC], 'excise paid at titling on the vehicle value'),
    ...(mpg
      ? {
          notices: [
            {
              text: 'fully electric vehicles were exempt under the 2021 rules; the Motor Excise Tax Amendment Act of 2024 revised the rates from 2025-02-17 — the 2021 table is used here, confirm with DC DMV',
            },
          ],
        }
      : {}),
    summary: mpg
      ? 'excise at titling on fair market value, rate by curb weight and EPA city MPG (1.0%-10.1%)'
      : 'excise at titling by curb weight: 6% under 3,500 lb, 7% to 4,999 lb, 8% from 5,000 lb',
    sources: mpg ? [DC_SRC, DC_STAT] : [DC_STAT],
    verified: mpg,
    assumptions: [
      ...(mpg ? [] : ['pre-2021 weight classes (6/7/8%) as the DMV notes still quote them']),
      'no trade-in credit: the excise is on fair market value',
      REBATE_ASSUMPTION,
    ],
  });
}

export const MID_ATLANTIC: StateTaxRecord[] = [
  {
    state: 'DC',
    name: 'District of Columbia',
    versions: [
      dcVersion('2020-01-01', '2021-01-31', false),
      dcVersion('2021-02-01', undefined, true),
    ],
  },
  {
    state: 'DE',
    name: 'Delaware',
    versions: [
      version({
        // 3.75% → 4.25% by HB 140 of 2015 (80 Del. Laws c. 77, the applicability note on
        // 30 Del. C. § 3002), in force from 2015-10-01 per the press reports of the change.
        effectiveFrom: '2015-10-01',
        regime: 'EXCISE',
        taxName: 'Delaware motor vehicle document fee',
        stateRate: '0.0425',
        local: NO_LOCAL,
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no statutory cap' },
        ...COMMON_PRODUCTS,
        accessoriesTaxable: true,
        lease: upfrontLease(
          'UPFRONT_PRICE',
          [DE_STAT],
          'document fee paid by the lessor at titling on the vehicle price',
        ),
        notices: [
          {
            text: 'Delaware: the trade-in credit is allowed only for a vehicle titled in Delaware and may not exceed the document fee paid on the trade-in when it was registered (2 DE Admin. Code 2266-4.0); the full allowance is deducted here',
          },
        ],
        summary:
          'no sales tax; 4.25% document fee on the price (or book value if greater) less trade-in at titling',
        sources: [DE_PRICE, DE_FEE, DE_TRADE_REG, DE_STAT, DE_2015, DE_2015_EFFECTIVE],
        verified: false,
        assumptions: [
          '4.25% from 2015-10-01 (HB 140 of 2015, 80 Del. Laws c. 77): three independent news reports agree on the rate (3.75% → 4.25%) and the start (Delaware Public Media on 2015-10-01: the increase takes effect today), but neither the session law nor § 3002 itself was read; the earlier 3.75% period (from 2007) is not in the table',
          'trade-in deduction confirmed: 30 Del. C. § 3001(5) purchase price is the gross price less any trade-in or allowance given by the seller; the 2266-4.3 cap (credit ≤ document fee paid on the trade-in) is a notice, not computed',
          REBATE_ASSUMPTION,
          'lease: fee on the vehicle price at titling by the lessor',
        ],
      }),
    ],
  },
  {
    state: 'MD',
    name: 'Maryland',
    versions: [
      { from: '2013-07-01', to: '2024-06-30', rate: '0.06', cap: '500' },
      { from: '2024-07-01', to: '2025-06-30', rate: '0.06', cap: '800' },
      { from: '2025-07-01', to: undefined, rate: '0.065', cap: '800' },
    ].map((p) =>
      version({
        effectiveFrom: p.from,
        ...(p.to ? { effectiveTo: p.to } : {}),
        regime: 'EXCISE',
        taxName: 'Maryland vehicle excise (titling) tax',
        stateRate: p.rate,
        local: NO_LOCAL,
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, cap: p.cap, capNote: 'dealer processing charge cap' },
        ...COMMON_PRODUCTS,
        lease: upfrontLease(
          'UPFRONT_PRICE',
          [MD_STAT],
          'titling tax on the vehicle price, paid up front',
        ),
        summary: `${Number(p.rate) * 100}% titling tax on price less trade-in allowance`,
        sources: [MD_BULLETIN, MD_STAT, MD_CAP, MD_BILL],
        verified: p.rate === '0.065',
        assumptions: [
          '6% → 6.5% on 2025-07-01 (HB 352 of 2025, MVA bulletin); trade-in allowance still deducted (HB 754 of 2024 died in committee)',
          p.cap === '800'
            ? 'doc-fee cap $800 from 2024-07-01 (Maryland Chamber summary of the 2024 budget)'
            : 'doc-fee cap $500 before 2024-07-01 (from memory; earlier caps not modelled)',
          REBATE_ASSUMPTION,
        ],
      }),
    ),
  },
  {
    state: 'NJ',
    name: 'New Jersey',
    versions: [
      ['2006-07-15', '2016-12-31', '0.07'],
      ['2017-01-01', '2017-12-31', '0.06875'],
      ['2018-01-01', undefined, '0.06625'],
    ].map(([from, to, rate]) =>
      version({
        effectiveFrom: from!,
        ...(to ? { effectiveTo: to } : {}),
        regime: 'SALES_TAX',
        taxName: 'New Jersey sales and use tax',
        stateRate: rate!,
        local: {
          applies: false,
          note: 'no local sales tax (Urban Enterprise Zone reductions not modelled)',
        },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap; must be disclosed' },
        ...COMMON_PRODUCTS,
        serviceContractTaxable: true,
        lease: upfrontLease(
          'UPFRONT_TOTAL_PAYMENTS',
          [NJ_LEASE],
          'N.J.S.A. 54:32B-7(d): tax on the total of lease payments at inception; trade-in credited',
        ),
        summary: `${Number(rate) * 100}% of price less full trade-in credit`,
        sources: [NJ_TRADE, NJ_CHARGES, NJ_SRC],
        verified: true,
        assumptions: [REBATE_ASSUMPTION, 'luxury/fuel-inefficient surcharge not modelled'],
      }),
    ),
  },
  {
    state: 'NY',
    name: 'New York',
    versions: [
      ['2005-06-01', '2021-08-17', '75'],
      ['2021-08-18', undefined, '175'],
    ].map(([from, to, cap]) =>
      version({
        effectiveFrom: from!,
        ...(to ? { effectiveTo: to } : {}),
        regime: 'SALES_TAX',
        taxName: 'New York State sales and use tax',
        stateRate: '0.04',
        local: {
          applies: true,
          note: 'county/city rates and the MCTD 0.375% apply by the buyer’s residence',
        },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        // TSB-A-14(7)S: a separately stated, reasonable documentation fee (within the DMV cap) is
        // not taxable; a manufacturer's rebate does not reduce the receipt; warranties are taxable.
        docFee: {
          taxable: false,
          cap: cap!,
          capNote:
            'dealer registration/title processing fee cap (15 NYCRR 78.19); not taxable when separately stated and within the cap',
        },
        ...COMMON_PRODUCTS,
        serviceContractTaxable: true,
        lease: upfrontLease(
          'UPFRONT_TOTAL_PAYMENTS',
          [NY_LEASE],
          'Tax Law §1111(i): tax on the total of lease payments due at inception',
        ),
        summary: '4% state plus local rate on price less full trade-in credit',
        sources: [NY_PUB718, NY_LEASE, NY_DOCFEE, NY_TSB],
        verified: true,
        assumptions: [
          'doc-fee cap $75 → $175 on 2021-08-18 (NYSADA notice quoting the regulation)',
          'a doc fee above the cap is reported by notice, not split into taxable/non-taxable parts',
        ],
      }),
    ),
  },
  {
    state: 'PA',
    name: 'Pennsylvania',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        regime: 'SALES_TAX',
        taxName: 'Pennsylvania sales and use tax',
        stateRate: '0.06',
        local: { applies: true, note: 'Allegheny County 1%, Philadelphia 2%' },
        tradeIn: { kind: 'FULL' },
        // 61 Pa. Code § 33.2: rebates and manufacturer's coupons described on the invoice
        // establish a new purchase price; § 31.44: warranty/service charges and dealer-added
        // accessories are part of the purchase price, separately stated finance/insurance are not.
        manufacturerRebateTaxable: false,
        dealerRebateTaxable: false,
        docFee: { taxable: true, capNote: 'cap indexed yearly by the State Board' },
        ...COMMON_PRODUCTS,
        serviceContractTaxable: true,
        lease: monthlyLease(
          [PA_LEASE],
          '6% sales tax plus 3% motor vehicle lease tax on each payment',
          {
            stateRate: '0.09',
          },
        ),
        summary: '6% (+1% Allegheny, +2% Philadelphia) of price less full trade-in credit',
        notices: [
          {
            text: 'a manufacturer rebate reduces the price only when it is an instant rebate shown on the contract (mail-in rebates do not)',
          },
        ],
        sources: [PA_CALC, PA_SRC],
        verified: true,
        assumptions: [
          'doc fee taxable as a dealer charge (preparation charges are in the purchase price)',
        ],
      }),
    ],
  },
];
