// Wisconsin county sales and use tax, which a vehicle pays by the county where it is customarily
// kept (the buyer's home). Every county's rate from the Wisconsin Department of Revenue's
// Streamlined Sales Tax rate file for 2026 Q2 (WIR2026Q2FEB18.csv: jurisdiction type 00 = county,
// by county FIPS code, with each rate's begin and end dates), read in a copy kept as a test fixture
// of github.com/ejosterberg/open-sales-tax; county names checked against that project's FIPS table.
// Shipped from 2020-04-01, after the 0.1% baseball stadium district tax (Milwaukee, Ozaukee, Racine,
// Washington, Waukesha) ended on 2020-03-31 — earlier deals are not covered. The city of Milwaukee's
// 2% (from 2024-01-01) and Milwaukee County's 0.9% are in local-rates-metro.ts (Fact Sheet 2414);
// this file carries Milwaukee County only before 2024. Premier resort area taxes are not shipped:
// they apply to tourism-related retailers, not vehicle dealers (not checked against the NAICS list).
import type { ShippedLocalRate } from './local-rates.ts';

export const WI_SST_FILE =
  'https://www.streamlinedsalestax.org/Shared-Pages/rate-and-boundary-files';
const WI_PUB = 'Wisconsin DOR Streamlined Sales Tax rate file, 2026 Q2 (WIR2026Q2FEB18)';

/** [county FIPS, county, "from:rate" periods from 2020-04-01 (rate 0 = no county tax)]. */
// prettier-ignore
export const WI_COUNTIES: ReadonlyArray<readonly [string, string, string]> = [
  ['001', "Adams", '2020-04-01:0.005'],
  ['003', "Ashland", '2020-04-01:0.005'],
  ['005', "Barron", '2020-04-01:0.005'],
  ['007', "Bayfield", '2020-04-01:0.005'],
  ['009', "Brown", '2020-04-01:0.005'],
  ['011', "Buffalo", '2020-04-01:0.005'],
  ['013', "Burnett", '2020-04-01:0.005'],
  ['015', "Calumet", '2020-04-01:0.005'],
  ['017', "Chippewa", '2020-04-01:0.005'],
  ['019', "Clark", '2020-04-01:0.005'],
  ['021', "Columbia", '2020-04-01:0.005'],
  ['023', "Crawford", '2020-04-01:0.005'],
  ['025', "Dane", '2020-04-01:0.005'],
  ['027', "Dodge", '2020-04-01:0.005'],
  ['029', "Door", '2020-04-01:0.005'],
  ['031', "Douglas", '2020-04-01:0.005'],
  ['033', "Dunn", '2020-04-01:0.005'],
  ['035', "Eau Claire", '2020-04-01:0.005'],
  ['037', "Florence", '2020-04-01:0.005'],
  ['039', "Fond du Lac", '2020-04-01:0.005'],
  ['041', "Forest", '2020-04-01:0.005'],
  ['043', "Grant", '2020-04-01:0.005'],
  ['045', "Green", '2020-04-01:0.005'],
  ['047', "Green Lake", '2020-04-01:0.005'],
  ['049', "Iowa", '2020-04-01:0.005'],
  ['051', "Iron", '2020-04-01:0.005'],
  ['053', "Jackson", '2020-04-01:0.005'],
  ['055', "Jefferson", '2020-04-01:0.005'],
  ['057', "Juneau", '2020-04-01:0.005'],
  ['059', "Kenosha", '2020-04-01:0.005'],
  ['061', "Kewaunee", '2020-04-01:0.005'],
  ['063', "La Crosse", '2020-04-01:0.005'],
  ['065', "Lafayette", '2020-04-01:0.005'],
  ['067', "Langlade", '2020-04-01:0.005'],
  ['069', "Lincoln", '2020-04-01:0.005'],
  ['071', "Manitowoc", '2020-04-01:0,2025-01-01:0.005'],
  ['073', "Marathon", '2020-04-01:0.005'],
  ['075', "Marinette", '2020-04-01:0.005'],
  ['077', "Marquette", '2020-04-01:0.005'],
  ['078', "Menominee", '2020-04-01:0.005'],
  ['079', "Milwaukee", '2020-04-01:0.005,2024-01-01:0.009'],
  ['081', "Monroe", '2020-04-01:0.005'],
  ['083', "Oconto", '2020-04-01:0.005'],
  ['085', "Oneida", '2020-04-01:0.005'],
  ['087', "Outagamie", '2020-04-01:0.005'],
  ['089', "Ozaukee", '2020-04-01:0.005'],
  ['091', "Pepin", '2020-04-01:0.005'],
  ['093', "Pierce", '2020-04-01:0.005'],
  ['095', "Polk", '2020-04-01:0.005'],
  ['097', "Portage", '2020-04-01:0.005'],
  ['099', "Price", '2020-04-01:0.005'],
  ['101', "Racine", '2020-04-01:0,2025-04-01:0.005'],
  ['103', "Richland", '2020-04-01:0.005'],
  ['105', "Rock", '2020-04-01:0.005'],
  ['107', "Rusk", '2020-04-01:0.005'],
  ['109', "St. Croix", '2020-04-01:0.005'],
  ['111', "Sauk", '2020-04-01:0.005'],
  ['113', "Sawyer", '2020-04-01:0.005'],
  ['115', "Shawano", '2020-04-01:0.005'],
  ['117', "Sheboygan", '2020-04-01:0.005'],
  ['119', "Taylor", '2020-04-01:0.005'],
  ['121', "Trempealeau", '2020-04-01:0.005'],
  ['123', "Vernon", '2020-04-01:0.005'],
  ['125', "Vilas", '2020-04-01:0.005'],
  ['127', "Walworth", '2020-04-01:0.005'],
  ['129', "Washburn", '2020-04-01:0.005'],
  ['131', "Washington", '2020-04-01:0.005'],
  ['133', "Waukesha", '2020-04-01:0'],
  ['135', "Waupaca", '2020-04-01:0.005'],
  ['137', "Waushara", '2020-04-01:0.005'],
  ['139', "Winnebago", '2020-04-01:0'],
  ['141', "Wood", '2020-04-01:0.005'],
];

function dayBefore(iso: string): string {
  return new Date(new Date(`${iso}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10);
}

function entries([, county, series]: (typeof WI_COUNTIES)[number]): ShippedLocalRate[] {
  const steps = series.split(',').map((s) => s.split(':') as [string, string]);
  return steps
    .map(([from, rate], i) => {
      const next = steps[i + 1];
      return {
        state: 'WI',
        county,
        effectiveFrom: from,
        ...(next ? { effectiveTo: dayBefore(next[0]) } : { confirmedThrough: '2026-06-30' }),
        lines:
          Number(rate) > 0
            ? [{ kind: 'COUNTY' as const, name: `${county} County sales and use tax`, rate }]
            : [],
        source: WI_SST_FILE,
        publication: WI_PUB,
        verified: true,
        complete: true,
      };
    })
    .filter((e) => !(county === 'Milwaukee' && e.effectiveFrom >= '2024-01-01'));
}

export const WI_LOCAL_RATES: ShippedLocalRate[] = WI_COUNTIES.flatMap(entries);
