// Oklahoma excise (new vs used structure) and Texas motor vehicle sales tax.
import type { StateRuleVersion, StateTaxRecord } from '../schema.ts';
import {
  COMMON_PRODUCTS,
  COMMON_REBATES,
  REBATE_ASSUMPTION,
  upfrontLease,
  version,
} from './common.ts';

const OK_FEES = 'https://oklahoma.gov/service/all-services/auto-vehicle/fees.html';
const OK_STAT = 'https://law.justia.com/codes/oklahoma/title-68/section-68-2103/';
const OK_SALES = 'https://www.findthebestcarprice.com/oklahoma-vehicle-sales-tax-fees/';
const OK_VALUE =
  'https://casetext.com/statute/oklahoma-statutes/title-68-revenue-and-taxation/chapter-1-tax-codes/article-21-excise-tax-on-vehicles/section-2104-value-of-vehicles';
const OK_OAC =
  'https://regulations.justia.com/states/oklahoma/title-260/chapter-135/subchapter-7/part-45/section-260-135-7-242';
const OK_SALES_STAT =
  'https://casetext.com/statute/oklahoma-statutes/title-68-revenue-and-taxation/chapter-1-tax-codes/article-21-excise-tax-on-vehicles/section-2106-excise-tax-in-lieu-of-other-taxes-exemptions';
const OK_2103 = 'https://legalfix.com/statutes/state-codes/oklahoma/title-68/section-68-2103';
const OK_HB1183 = 'https://www.billtrack50.com/billdetail/1781777';
const OK_HB1183_SIGNED =
  'https://www.k95tulsa.com/news/local/motor-vehicle-excise-tax-change-signed-into-law/2W646TTUXFCMVD2BVISFR7GV6A/';
const TX_TOTAL = 'https://comptroller.texas.gov/taxes/publications/96-254/total-consideration.php';
const TX_STAT = 'https://statutes.capitol.texas.gov/Docs/TX/htm/TX.152.htm';

function okVersion(
  from: string,
  to: string | undefined,
  withSalesTax: boolean,
  hb1183 = false,
): StateRuleVersion {
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
            sources: [OK_SALES_STAT, OK_SALES],
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
      hb1183
        ? {
            text: 'HB 1183 (2025), in force 2026-07-01, bases the excise on the actual sales price and drops the "before any trade-in credit" wording of 68 O.S. § 2104; whether a trade-in now reduces the excise was not confirmed, so no credit is applied — confirm with Service Oklahoma',
          }
        : {
            text: 'the excise value is the sales price before any trade-in credit (68 O.S. § 2104(B))',
          },
    ],
    summary: `new: 3.25% excise on price; used: $20 on the first $1,500 then 3.25%${withSalesTax ? '; plus 1.25% sales tax' : ''}`,
    sources: [
      ...(hb1183 ? [OK_HB1183, OK_HB1183_SIGNED] : []),
      OK_VALUE,
      OK_2103,
      OK_OAC,
      OK_FEES,
      OK_STAT,
    ],
    verified: false,
    assumptions: [
      'new vehicles 3.25% confirmed (68 O.S. § 2103(A)(1)); the used-vehicle flat slice was phased in from $20 on the first $1,000 (2000-10-01) upward — the $1,500 figure is from the Oklahoma Policy Institute summary and is applied to every year (the later steps of the schedule were not read)',
      '1.25% sales tax on vehicles from 2017-07-01 confirmed by 68 O.S. § 2106(a)(4) (Laws 2017, c. 356); computed on the same base as the excise',
      REBATE_ASSUMPTION,
      ...(hb1183
        ? [
            'HB 1183: signed 2025-05-22, in force 2026-07-01 (news report of the signing; BillTrack50 digest); it removes the 20% average-retail band and the "before any discounts or credits … for a trade-in" wording. The enrolled text was not read and no Service Oklahoma guidance was found, so whether a trade-in now reduces the excise stays open (no credit applied, notice given)',
          ]
        : []),
    ],
  });
}

export const SOUTH_CENTRAL: StateTaxRecord[] = [
  {
    state: 'OK',
    name: 'Oklahoma',
    versions: [
      okVersion('2000-01-01', '2017-06-30', false),
      okVersion('2017-07-01', '2026-06-30', true),
      okVersion('2026-07-01', undefined, true, true),
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
];
