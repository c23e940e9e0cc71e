// New England vehicle tax rules (CT luxury rate, the no-sales-tax NH, VT purchase and use tax).
// Each version cites its statute / DOR page; `verified: false` versions list what was assumed.
import type { StateTaxRecord } from '../schema.ts';
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

const CT_DMV =
  'https://portal.ct.gov/dmv/vehicle-services/sales-tax-registrations/sales-tax-calculator';
const CT_SRC = 'https://portal.ct.gov/drs/sales-tax/tax-information';
const CT_STAT = 'https://www.cga.ct.gov/current/pub/chap_219.htm#sec_12-408';
const ME_LEASE = 'https://mainelegislature.org/legis/bills/bills_119th/billtexts/LD127701-8.asp';
const ME_STAT = 'https://legislature.maine.gov/statutes/36/title36sec1811.html';
const ME_TRADE = 'https://instalawyer.io/laws/maine-revised-statutes/36-1765-trade-in-credit';
const ME_WARRANTY_2007 =
  'https://www.salestaxinstitute.com/resources/maine-revises-rules-applying-vehicle-repair-shops';
const ME_WARRANTY_2013 =
  'http://report.saltcpa.com/2013/10/maine-guidance-for-vehicle-dealers-updated/';
const ME_REBATE_BILL =
  'https://legislature.maine.gov/legis/bills/bills_125th/billtexts/SP002201.asp';
const MA_RMV =
  'https://secure.rmv.state.ma.us/PolicyBrowserPublic/PB/WordDocuments/reducingthetaxdue.htm';
const MA_TRADE = 'https://law.onecle.com/massachusetts/64h/26.html';
const MA_STAT = 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleIX/Chapter64H/Section2';
const NH_SRC = 'https://www.revenue.nh.gov/';
const RI_STAT = 'http://webserver.rilegislature.gov/Statutes/TITLE44/44-18/44-18-18.htm';
const RI_TRADE_REBATE =
  'https://casetext.com/regulation/rhode-island-administrative-code/title-280-department-of-revenue/chapter-20-division-of-taxation/subchapter-70-sales-and-use-tax/part-28-motor-vehicle-and-non-motorized-vehicle-taxes-280-ricr-20-70-28/section-280-ricr-20-70-289-trade-in-deductions';
const RI_LEASE =
  'https://regulations.justia.com/states/rhode-island/title-280/chapter-20/subchapter-70/part-21/section-280-ricr-20-70-21-8';
const VT_DMV = 'https://dmv.vermont.gov/tax-title/vehicle-taxation';
const VT_STAT = 'https://legislature.vermont.gov/statutes/section/32/219/08903';

export const NEW_ENGLAND: StateTaxRecord[] = [
  {
    state: 'CT',
    name: 'Connecticut',
    versions: [
      version({
        effectiveFrom: '2011-07-01',
        regime: 'SALES_TAX',
        taxName: 'Connecticut sales and use tax',
        stateRate: '0.0635',
        highValue: { threshold: '50000', rate: '0.0775' },
        local: NO_LOCAL,
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap; the conveyance fee must be disclosed' },
        ...COMMON_PRODUCTS,
        serviceContractTaxable: true,
        lease: monthlyLease(
          [CT_STAT],
          'sales tax on each lease payment (7.75% when the vehicle exceeds $50,000)',
        ),
        summary: '6.35% of price less full trade-in credit; 7.75% on the whole price above $50,000',
        sources: [CT_DMV, CT_SRC, CT_STAT],
        verified: true,
        assumptions: [
          'DMV: manufacturer rebate taxable, dealer discount not taxable, conveyance fee taxable, warranties at 6.35% only',
        ],
      }),
    ],
  },
  {
    state: 'ME',
    name: 'Maine',
    versions: [
      version({
        effectiveFrom: '2013-10-01',
        regime: 'SALES_TAX',
        taxName: 'Maine sales and use tax',
        stateRate: '0.055',
        local: NO_LOCAL,
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        // Extended service contracts on automobiles taxable from 2007-09-20 (MRS Instructional
        // Bulletin No. 1), on trucks from 2013-10-09 (MRS vehicle-dealer bulletin update).
        serviceContractTaxable: true,
        lease: upfrontLease(
          'UPFRONT_TOTAL_PAYMENTS',
          [ME_LEASE],
          '36 M.R.S. § 1811: leases of a year or more taxed at inception on total monthly payments, trade-in equity and cash down',
        ),
        summary: '5.5% of price less full trade-in credit',
        sources: [ME_STAT, ME_TRADE, ME_WARRANTY_2007, ME_WARRANTY_2013, ME_REBATE_BILL],
        verified: false,
        assumptions: [
          'trade-in credit confirmed (36 M.R.S. § 1765: tax only on the difference for motor vehicles)',
          'manufacturer rebate treated as taxable: a 2011 bill (SP 22, 125th Legislature) proposed adding rebates assigned to the retailer to the § 1752(14)(B) exclusions; whether it was enacted was not found',
          'extended service contracts taxable: read in two tax-news summaries of Maine Revenue Services bulletins (autos from 2007-09-20, trucks from 2013-10-09), not in the bulletins themselves',
          'GAP not taxable; negative equity not in the base (not checked)',
        ],
      }),
    ],
  },
  {
    state: 'MA',
    name: 'Massachusetts',
    versions: [
      version({
        effectiveFrom: '2009-08-01',
        regime: 'SALES_TAX',
        taxName: 'Massachusetts sales/use tax on motor vehicles',
        stateRate: '0.0625',
        local: NO_LOCAL,
        tradeIn: { kind: 'FULL' },
        // RMV: a dealer discount or manufacturer rebate received at the time of purchase reduces
        // the taxable price (a rebate paid to the buyer after the sale does not).
        manufacturerRebateTaxable: false,
        dealerRebateTaxable: false,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([MA_STAT], 'tax on each lease payment'),
        notices: [
          {
            text: 'a manufacturer rebate reduces the taxable price only when applied at the time of purchase',
          },
        ],
        summary:
          '6.25% of price less full trade-in credit (M.G.L. c. 64H § 26) and point-of-sale rebates',
        sources: [MA_RMV, MA_TRADE, MA_STAT],
        verified: true,
        assumptions: [PRODUCTS_ASSUMPTION, 'lease taxed monthly'],
      }),
    ],
  },
  {
    state: 'NH',
    name: 'New Hampshire',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        regime: 'NONE',
        taxName: 'none (New Hampshire has no sales tax)',
        stateRate: '0',
        local: { applies: false, note: 'no local sales taxes' },
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: false, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: monthlyLease([NH_SRC], 'no tax on leases'),
        summary: 'no sales tax on vehicles',
        sources: [NH_SRC],
        verified: true,
      }),
    ],
  },
  {
    state: 'RI',
    name: 'Rhode Island',
    versions: [
      version({
        effectiveFrom: '2000-01-01',
        regime: 'SALES_TAX',
        taxName: 'Rhode Island sales and use tax',
        stateRate: '0.07',
        local: NO_LOCAL,
        tradeIn: { kind: 'FULL' },
        // 280-RICR-20-70-28.9, Example 3: both the trade-in allowance and the manufacturer's
        // rebate are deducted from the sales price.
        manufacturerRebateTaxable: false,
        dealerRebateTaxable: false,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        // 280-RICR-20-70-21.8: capitalized cost reductions, acquisition and other fees are lease
        // charges subject to tax; a trade-in used as a cap cost reduction is excluded.
        lease: monthlyLease(
          [RI_LEASE],
          'tax on each lease payment; cap cost reductions and acquisition fees taxed, trade-in excluded',
        ),
        notices: [
          {
            text: 'Rhode Island allows the trade-in credit only for a private passenger automobile traded toward an automobile (280-RICR-20-70-28.9: a truck traded in gets no credit)',
          },
        ],
        summary: '7% of price less trade-in (passenger automobiles) and manufacturer rebate',
        sources: [RI_TRADE_REBATE, RI_LEASE, RI_STAT],
        verified: true,
        assumptions: [
          'trade-in of a truck toward an automobile is not distinguished (notice only)',
          PRODUCTS_ASSUMPTION,
        ],
      }),
    ],
  },
  {
    state: 'VT',
    name: 'Vermont',
    versions: [
      version({
        effectiveFrom: '2003-10-01',
        regime: 'EXCISE',
        taxName: 'Vermont motor vehicle purchase and use tax',
        stateRate: '0.06',
        local: NO_LOCAL,
        tradeIn: { kind: 'FULL' },
        ...COMMON_REBATES,
        docFee: { taxable: true, capNote: 'no cap' },
        ...COMMON_PRODUCTS,
        lease: upfrontLease(
          'UPFRONT_PRICE',
          [VT_DMV],
          'tax at registration on original acquisition cost less lease-end value (DMV form VD-147), not on the full price',
        ),
        notices: [
          {
            text: 'tax is on the greater of price and NADA clean trade-in value, less trade-in; trucks over 10,099 lb and other vehicles are capped at $2,486 (not applied)',
          },
        ],
        summary:
          '6% purchase and use tax on the price (or NADA value if greater) less trade-in; doc fee included',
        sources: [VT_DMV, VT_STAT],
        verified: true,
        assumptions: [REBATE_ASSUMPTION, PRODUCTS_ASSUMPTION],
      }),
    ],
  },
];
