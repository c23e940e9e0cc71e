// Ohio: every county's permissive sales tax (county levy plus any transit authority levy), from the
// Ohio Department of Taxation's chart "State and Permissive Sales Tax Rates by County, July 2024"
// (totals per county; the chart's legend — 4 counties at 7.55% and above, 3 at 7.30–7.50%, 50 at
// 7.05–7.25%, 12 at 6.80–7.00%, 15 at 6.55–6.75%, 4 at 6.50% and below — matches the rows below,
// checked in test/tax/local-shipped.test.ts). The local share is the total less the 5.75% state rate.
// Vehicles: the rate of the purchaser's county of residence (ODT FAQ, "What is the correct tax rate to
// charge a customer on the sale or lease of motor vehicles": sale → county of residence; lease →
// county of the vehicle's primary property location).
import type { ShippedLocalRate } from './local-rates.ts';

export const OH_CHART = 'https://tax.ohio.gov/business/ohio-business-taxes/sales-and-use';
export const OH_CHART_NAME = 'ODT “State and Permissive Sales Tax Rates by County”, July 2024';
export const OH_VEHICLE_RULE =
  'http://www.tax.ohio.gov/faq/tabid/6315/Default.aspx?QuestionID=547&AFMID=11354';

/** [county, total state + local rate % as charted, local share as a fraction]. */
export const OH_JULY_2024: ReadonlyArray<readonly [string, string, string]> = [
  ['Adams', '7.25', '0.015'],
  ['Allen', '6.85', '0.011'],
  ['Ashland', '7.00', '0.0125'],
  ['Ashtabula', '6.75', '0.01'],
  ['Athens', '7.25', '0.015'],
  ['Auglaize', '7.25', '0.015'],
  ['Belmont', '7.25', '0.015'],
  ['Brown', '7.25', '0.015'],
  ['Butler', '6.50', '0.0075'],
  ['Carroll', '6.75', '0.01'],
  ['Champaign', '7.25', '0.015'],
  ['Clark', '7.25', '0.015'],
  ['Clermont', '6.75', '0.01'],
  ['Clinton', '7.25', '0.015'],
  ['Columbiana', '7.25', '0.015'],
  ['Coshocton', '7.75', '0.02'],
  ['Crawford', '7.25', '0.015'],
  ['Cuyahoga', '8.00', '0.0225'],
  ['Darke', '7.25', '0.015'],
  ['Defiance', '6.75', '0.01'],
  ['Delaware', '7.00', '0.0125'],
  ['Erie', '6.75', '0.01'],
  ['Fairfield', '6.75', '0.01'],
  ['Fayette', '7.25', '0.015'],
  ['Franklin', '7.50', '0.0175'],
  ['Fulton', '7.25', '0.015'],
  ['Gallia', '7.25', '0.015'],
  ['Geauga', '6.75', '0.01'],
  ['Greene', '6.75', '0.01'],
  ['Guernsey', '7.25', '0.015'],
  ['Hamilton', '7.80', '0.0205'],
  ['Hancock', '6.75', '0.01'],
  ['Hardin', '7.25', '0.015'],
  ['Harrison', '7.25', '0.015'],
  ['Henry', '7.25', '0.015'],
  ['Highland', '7.25', '0.015'],
  ['Hocking', '7.25', '0.015'],
  ['Holmes', '7.00', '0.0125'],
  ['Huron', '7.25', '0.015'],
  ['Jackson', '7.25', '0.015'],
  ['Jefferson', '7.25', '0.015'],
  ['Knox', '7.25', '0.015'],
  ['Lake', '7.00', '0.0125'],
  ['Lawrence', '7.25', '0.015'],
  ['Licking', '7.25', '0.015'],
  ['Logan', '7.25', '0.015'],
  ['Lorain', '6.50', '0.0075'],
  ['Lucas', '7.75', '0.02'],
  ['Madison', '7.00', '0.0125'],
  ['Mahoning', '7.50', '0.0175'],
  ['Marion', '7.25', '0.015'],
  ['Medina', '6.75', '0.01'],
  ['Meigs', '7.25', '0.015'],
  ['Mercer', '7.25', '0.015'],
  ['Miami', '7.00', '0.0125'],
  ['Monroe', '7.25', '0.015'],
  ['Montgomery', '7.50', '0.0175'],
  ['Morgan', '7.25', '0.015'],
  ['Morrow', '7.25', '0.015'],
  ['Muskingum', '7.25', '0.015'],
  ['Noble', '7.25', '0.015'],
  ['Ottawa', '7.00', '0.0125'],
  ['Paulding', '7.25', '0.015'],
  ['Perry', '7.25', '0.015'],
  ['Pickaway', '7.25', '0.015'],
  ['Pike', '7.25', '0.015'],
  ['Portage', '7.00', '0.0125'],
  ['Preble', '7.25', '0.015'],
  ['Putnam', '7.00', '0.0125'],
  ['Richland', '7.00', '0.0125'],
  ['Ross', '7.25', '0.015'],
  ['Sandusky', '7.25', '0.015'],
  ['Scioto', '7.25', '0.015'],
  ['Seneca', '7.25', '0.015'],
  ['Shelby', '7.25', '0.015'],
  ['Stark', '6.50', '0.0075'],
  ['Summit', '6.75', '0.01'],
  ['Trumbull', '6.75', '0.01'],
  ['Tuscarawas', '6.75', '0.01'],
  ['Union', '7.00', '0.0125'],
  ['Van Wert', '7.25', '0.015'],
  ['Vinton', '7.25', '0.015'],
  ['Warren', '6.75', '0.01'],
  ['Washington', '7.25', '0.015'],
  ['Wayne', '6.50', '0.0075'],
  ['Williams', '7.25', '0.015'],
  ['Wood', '6.75', '0.01'],
  ['Wyandot', '7.25', '0.015'],
];

const TRANSIT_PORTION =
  'part of the county is in the Central Ohio Transit Authority and pays its transit levy on top (not included): set the dealership rate for those ZIPs';

const COTA_PART = ['Delaware', 'Fairfield', 'Licking', 'Union'];

function ohio(county: string, local: string): ShippedLocalRate {
  const franklin = county === 'Franklin';
  return {
    state: 'OH',
    county,
    effectiveFrom: '2024-07-01',
    ...(franklin ? { effectiveTo: '2025-03-31' } : {}),
    confirmedThrough: '2024-09-30',
    lines: [
      {
        kind: 'COUNTY',
        name: `${county} County permissive sales tax (county and transit levies)`,
        rate: local,
      },
    ],
    source: OH_CHART,
    publication: OH_CHART_NAME,
    verified: true,
    complete: !COTA_PART.includes(county),
    ...(COTA_PART.includes(county)
      ? { note: TRANSIT_PORTION }
      : county === 'Wood'
        ? { note: 'the city of Rossford adds a 0.5% transit levy (from 2022-04-01; not included)' }
        : {}),
  };
}

export const OH_LOCAL_RATES: ShippedLocalRate[] = [
  ...OH_JULY_2024.map(([county, , local]) => ohio(county, local)),
  // COTA's levy went from 0.5% to 1% on 2025-04-01 (Issue 47, November 2024): Franklin 8.00% total.
  // From secondary summaries of the ODT chart, not the chart itself: unverified.
  {
    state: 'OH',
    county: 'Franklin',
    effectiveFrom: '2025-04-01',
    lines: [
      {
        kind: 'COUNTY',
        name: 'Franklin County permissive sales tax (county 1.25% and COTA 1%)',
        rate: '0.0225',
      },
    ],
    source: OH_CHART,
    publication: 'ODT rate change notice, April 2025 (read in secondary summaries)',
    verified: false,
    complete: true,
  },
];
