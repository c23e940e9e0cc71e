// Pacific vehicle tax rules: California (no trade-in credit), Hawaii GET, Alaska (local only),
// Oregon privilege tax, Washington (motor vehicle tax and the 2026 luxury tax).
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
// CDTFA annotation 125.0032: a manufacturer's rebate assigned to the dealer is fully taxable.
const CA_REBATE = 'https://cdtfa.ca.gov/lawguides/vol2/suta/125-0032.html';
const CA_RATES = 'https://www.cdtfa.ca.gov/taxes-and-fees/rates.aspx';
const CA_DEALERS = 'https://www.cdtfa.ca.gov/industry/motor-vehicle-dealers/';
const CA_REG1654 = 'https://www.cdtfa.ca.gov/lawguides/vol1/sutr/1654.html';
const CA_DOCFEE =
  'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=VEH&sectionNum=4456.5';
const HI_G45 = 'https://files.hawaii.gov/tax/forms/2019/geins.pdf';
const HI_SRC = 'https://tax.hawaii.gov/geninfo/get/';
const OR_SRC =
  'https://www.oregon.gov/dor/programs/businesses/Pages/Vehicle-Privilege-and-Use-Taxes.aspx';
const WA_SRC = 'https://dor.wa.gov/find-taxes-rates/other-taxes/motor-vehicle-salesuse-tax';
const WA_DEALERS =
  'https://dor.wa.gov/doing-business/business-types/industry-guides/auto-dealers/sales-tax-and-use-tax-rate-motor-vehicles';
const WA_LUX = 'https://app.leg.wa.gov/RCW/default.aspx?cite=82.08.817';

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
    sources: [CA_RATES, CA_REBATE, CA_REG1654, CA_DOCFEE],
    verified: true,
    assumptions: [
      `doc-fee cap $${docCap} (DMV manual; the $80 → $85 change date assumed 2020-01-01)`,
      'optional service contracts and GAP not taxable',
    ],
  });
}

/** Washington periods: the motor vehicle sales/use tax on top of the 6.5% state rate was 0.3%
 *  through 2025 and 0.5% from 2026-01-01 (DOR); RCW 82.08.817 adds 8% on the price above $100,000
 *  from 2026-01-01, the threshold rising 2% each July 1 ($102,000 from 2026-07-01). */
const WA_PERIODS: Array<[string, string | undefined, string, string | undefined]> = [
  ['2003-01-01', '2025-12-31', '0.068', undefined],
  ['2026-01-01', '2026-06-30', '0.07', '100000'],
  ['2026-07-01', undefined, '0.07', '102000'],
];

function waVersion([from, to, rate, luxury]: [
  string,
  string | undefined,
  string,
  string | undefined,
]): StateRuleVersion {
  const mvt = rate === '0.068' ? '0.3%' : '0.5%';
  return version({
    effectiveFrom: from,
    ...(to ? { effectiveTo: to } : {}),
    regime: 'SALES_TAX',
    taxName: `Washington sales tax 6.5% + ${mvt} motor vehicle sales/use tax`,
    stateRate: rate,
    ...(luxury
      ? {
          excess: {
            rate: '0.08',
            threshold: luxury,
            label:
              'Washington additional tax on vehicles over the luxury threshold (RCW 82.08.817)',
            sources: [WA_LUX],
          },
        }
      : {}),
    local: { applies: true, note: 'local rates apply (and RTA tax in the Sound Transit area)' },
    tradeIn: { kind: 'FULL' },
    ...COMMON_REBATES,
    docFee: { taxable: true, cap: '200', capNote: 'documentary service fee cap' },
    ...COMMON_PRODUCTS,
    serviceContractTaxable: true,
    lease: monthlyLease([WA_DEALERS], `sales tax + ${mvt} motor vehicle tax on each lease payment`),
    notices: [
      {
        text: `the ${mvt} motor vehicle tax does not apply to warranties/maintenance agreements (they pay the regular rate); the engine applies one state rate to the whole base`,
      },
    ],
    summary: `6.5% + ${mvt} plus local rate on price less full trade-in credit${luxury ? `; 8% more on the price above $${Number(luxury).toLocaleString('en-US')}` : ''}`,
    sources: [WA_SRC, WA_DEALERS, ...(luxury ? [WA_LUX] : [])],
    verified: true,
    assumptions: ['doc-fee cap $200 (secondary sources)', REBATE_ASSUMPTION],
  });
}

export const PACIFIC: StateTaxRecord[] = [
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
  {
    state: 'CA',
    name: 'California',
    versions: [
      caVersion('2013-01-01', '2016-12-31', '0.075', '80'),
      caVersion('2017-01-01', '2019-12-31', '0.0725', '80'),
      caVersion('2020-01-01', undefined, '0.0725', '85'),
    ],
  },
  simple(
    'HI',
    'Hawaii',
    '2000-01-01',
    '0.04',
    'Hawaii general excise tax (GET)',
    [HI_G45, HI_SRC],
    {
      applies: true,
      note: 'county surcharge 0.5% (Oahu, Kauai, Hawaii; Maui from 2024)',
    },
    {
      // Form G-45 instructions (HRS 237-3(b)): a trade-in allowance is a price adjustment; the net
      // amount is the taxable gross proceeds. (Secondary sources often claim no credit.)
      tradeIn: { kind: 'FULL' },
      summary: '4% GET plus county surcharge on the price less trade-in allowance',
      notices: [
        {
          text: 'dealers usually pass the GET on at the 4.712% (4.166% + surcharge) visible rate; the engine shows the statutory rate on the net price',
        },
      ],
      assumptions: [
        'trade-in confirmed as a price adjustment by the Department of Taxation’s G-45 instructions (HRS § 237-3(b)); the rebate, service contract and GAP treatment under the GET was not found',
        REBATE_ASSUMPTION,
        PRODUCTS_ASSUMPTION,
      ],
    },
  ),
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
        verified: true,
        notices: [
          {
            condition: 'USED',
            text: 'the privilege tax also applies to a used vehicle driven 7,500 miles or less (or sold with an MCO) that was never titled in Oregon — not applied here',
          },
        ],
        assumptions: [
          'retail price before trade-in; doc fee not part of the retail price',
          REBATE_ASSUMPTION,
        ],
      }),
    ],
  },
  { state: 'WA', name: 'Washington', versions: WA_PERIODS.map(waVersion) },
];
