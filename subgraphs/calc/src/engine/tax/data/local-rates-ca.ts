// California district taxes on vehicles: every county's rate for its unincorporated area and every
// incorporated city's rate, from the CDTFA file "California City & County Sales & Use Tax Rates",
// rates effective 2026-01-01 (SalesTaxRates1-1-26.xlsx, 58 counties and 483 cities; read in a public
// copy of the CDTFA spreadsheet, https://github.com/mrpartnerai/taxrates-us data/, and spot-checked
// against CDTFA's "Explanation of Tax Rate Changes Operative April 1, 2025" for the cities whose
// rate did not change since: see test/tax/local-ca.test.ts). CDTFA changes district rates only at
// the start of a quarter, so the figures hold at least through 2026-03-31 (`confirmedThrough`).
// Rates are the totals CDTFA lists (7.25% state + district taxes); the shipped line is the total
// less the 7.25% the state rule already charges. A vehicle pays the district taxes of the address
// it is registered to (R&TC §§ 7205.1, 7262: district use tax on vehicles registered in the district).
import type { ShippedLocalRate } from './local-rates.ts';

export const CA_RATES_FILE = 'https://www.cdtfa.ca.gov/taxes-and-fees/sales-use-tax-rates.htm';
const CA_PUB = 'CDTFA California City & County Sales & Use Tax Rates, effective 2026-01-01';
const CA_FROM = '2026-01-01';
const CA_CONFIRMED = '2026-03-31';
/** The state rate CDTFA's totals include (6% state + 1.25% uniform local, in the CA state rule). */
const CA_STATEWIDE = 7.25;

/** [county, unincorporated-area total %, "City=total %; ..." for every incorporated city]. */
// prettier-ignore
export const CA_2026_01: ReadonlyArray<readonly [string, string, string]> = [
  ["Alameda", "10.250", "Alameda=10.750; Albany=10.750; Berkeley=10.250; Dublin=10.250; Emeryville=10.500; Fremont=10.250; Hayward=10.750; Livermore=10.250; Newark=10.750; Oakland=10.750; Piedmont=10.250; Pleasanton=10.250; San Leandro=10.750; Union City=10.750"],
  ["Alpine", "7.250", ""],
  ["Amador", "7.750", "Amador City=8.000; Ione=7.750; Jackson=7.750; Plymouth=7.750; Sutter Creek=8.750"],
  ["Butte", "8.250", "Biggs=8.250; Chico=9.250; Gridley=8.250; Oroville=9.250; Paradise=8.750"],
  ["Calaveras", "8.250", "Angels Camp=8.750"],
  ["Colusa", "7.750", "Colusa=8.750; Williams=8.250"],
  ["Contra Costa", "8.750", "Antioch=9.750; Brentwood=8.750; Clayton=8.750; Concord=9.750; Danville=8.750; El Cerrito=10.250; Hercules=9.250; Lafayette=9.250; Martinez=9.750; Moraga=9.750; Oakley=8.750; Orinda=9.750; Pinole=10.250; Pittsburg=9.250; Pleasant Hill=9.250; Richmond=9.750; San Pablo=9.500; San Ramon=9.750; Walnut Creek=9.250"],
  ["Del Norte", "8.250", "Crescent City=8.250"],
  ["El Dorado", "7.250", "Placerville=8.250; South Lake Tahoe=8.750"],
  ["Fresno", "7.975", "Clovis=8.975; Coalinga=8.975; Firebaugh=7.975; Fowler=8.975; Fresno=8.350; Huron=8.975; Kerman=8.975; Kingsburg=8.975; Mendota=9.225; Orange Cove=7.975; Parlier=8.975; Reedley=9.225; Sanger=8.725; San Joaquin=7.975; Selma=8.475"],
  ["Glenn", "7.250", "Orland=8.250; Willows=8.750"],
  ["Humboldt", "8.750", "Arcata=10.250; Blue Lake=9.750; Eureka=10.250; Ferndale=9.500; Fortuna=9.500; Rio Dell=9.500; Trinidad=9.500"],
  ["Imperial", "7.750", "Brawley=8.750; Calexico=8.250; Calipatria=7.750; El Centro=8.250; Holtville=7.750; Imperial=7.750; Westmorland=7.750"],
  ["Inyo", "7.750", "Bishop=8.750"],
  ["Kern", "8.250", "Arvin=8.250; Bakersfield=8.250; California City=8.250; Delano=8.250; Maricopa=8.250; McFarland=8.250; Ridgecrest=9.250; Shafter=7.250; Taft=8.250; Tehachapi=8.250; Wasco=8.250"],
  ["Kings", "7.250", "Avenal=8.250; Corcoran=8.250; Hanford=8.250; Lemoore=8.250"],
  ["Lake", "7.250", "Clearlake=8.750; Lakeport=8.750"],
  ["Lassen", "7.250", "Susanville=8.250"],
  ["Los Angeles", "9.750", "Agoura Hills=9.750; Alhambra=10.500; Arcadia=10.500; Artesia=10.500; Avalon=10.250; Azusa=10.750; Baldwin Park=10.500; Bell=9.750; Bellflower=10.500; Bell Gardens=10.500; Beverly Hills=9.750; Bradbury=9.750; Burbank=10.500; Calabasas=9.750; Carson=10.500; Cerritos=9.750; City of Commerce=10.500; City of Industry=9.750; Claremont=9.750; Compton=10.750; Covina=10.500; Cudahy=10.500; Culver City=10.750; Diamond Bar=9.750; Downey=10.500; Duarte=10.500; El Monte=10.500; El Segundo=9.750; Gardena=10.500; Glendale=10.500; Glendora=10.750; Hawaiian Gardens=10.500; Hawthorne=10.500; Hermosa Beach=9.750; Hidden Hills=9.750; Huntington Park=10.500; Inglewood=10.250; Irwindale=10.750; La Cañada Flintridge=10.500; La Habra Heights=9.750; Lakewood=10.500; La Mirada=9.750; Lancaster=11.250; La Puente=10.250; La Verne=10.500; Lawndale=10.500; Lomita=10.500; Long Beach=10.500; Los Angeles=9.750; Lynwood=10.750; Malibu=10.250; Manhattan Beach=10.250; Maywood=9.750; Monrovia=10.500; Montebello=10.500; Monterey Park=10.500; Norwalk=10.500; Palmdale=11.250; Palos Verdes Estates=9.750; Paramount=10.500; Pasadena=10.500; Pico Rivera=10.750; Pomona=10.500; Rancho Palos Verdes=9.750; Redondo Beach=9.750; Rolling Hills=9.750; Rolling Hills Estates=9.750; Rosemead=9.750; San Dimas=9.750; San Fernando=10.500; San Gabriel=10.500; San Marino=9.750; Santa Clarita=9.750; Santa Fe Springs=10.750; Santa Monica=10.750; Sierra Madre=10.500; Signal Hill=10.500; South El Monte=10.750; South Gate=10.750; South Pasadena=10.500; Temple City=9.750; Torrance=10.250; Vernon=10.500; Walnut=9.750; West Covina=9.750; West Hollywood=10.500; Westlake Village=9.750; Whittier=10.500"],
  ["Madera", "7.750", "Chowchilla=8.750; Madera=8.250"],
  ["Marin", "8.250", "Belvedere=8.250; Corte Madera=9.000; Fairfax=9.000; Larkspur=9.250; Mill Valley=9.250; Novato=9.250; Ross=8.250; San Anselmo=9.250; San Rafael=9.250; Sausalito=9.250; Tiburon=8.250"],
  ["Mariposa", "8.250", ""],
  ["Mendocino", "7.875", "Fort Bragg=9.250; Point Arena=9.250; Ukiah=8.875; Willits=9.125"],
  ["Merced", "7.750", "Atwater=8.750; Dos Palos=8.250; Gustine=8.250; Livingston=8.750; Los Banos=8.750; Merced=8.250"],
  ["Modoc", "7.250", "Alturas=7.250"],
  ["Mono", "7.250", "Mammoth Lakes=7.750"],
  ["Monterey", "8.750", "Carmel-by-the-Sea=9.250; Del Rey Oaks=9.250; Gonzales=8.750; Greenfield=9.500; King City=8.750; Marina=9.250; Monterey=9.250; Pacific Grove=9.250; Salinas=9.250; Sand City=9.250; Seaside=9.250; Soledad=9.250"],
  ["Napa", "7.750", "American Canyon=7.750; Calistoga=7.750; Napa=8.750; St. Helena=8.250; Yountville=7.750"],
  ["Nevada", "7.500", "Grass Valley=8.875; Nevada City=8.875; Truckee=9.000"],
  ["Orange", "7.750", "Aliso Viejo=7.750; Anaheim=7.750; Brea=7.750; Buena Park=8.750; Costa Mesa=7.750; Cypress=7.750; Dana Point=7.750; Fountain Valley=8.750; Fullerton=7.750; Garden Grove=8.750; Huntington Beach=7.750; Irvine=7.750; Laguna Beach=7.750; Laguna Hills=7.750; Laguna Niguel=7.750; Laguna Woods=7.750; La Habra=8.750; Lake Forest=7.750; La Palma=8.750; Los Alamitos=9.250; Mission Viejo=7.750; Newport Beach=7.750; Orange=7.750; Placentia=8.750; Rancho Santa Margarita=7.750; San Clemente=7.750; San Juan Capistrano=7.750; Santa Ana=9.250; Seal Beach=9.250; Stanton=8.750; Tustin=7.750; Villa Park=7.750; Westminster=9.250; Yorba Linda=7.750"],
  ["Placer", "7.250", "Auburn=7.250; Colfax=7.250; Lincoln=7.250; Loomis=7.500; Rocklin=7.250; Roseville=7.750"],
  ["Plumas", "7.250", "Portola=7.250"],
  ["Riverside", "7.750", "Banning=7.750; Beaumont=7.750; Blythe=8.750; Calimesa=7.750; Canyon Lake=7.750; Cathedral City=9.250; Coachella=8.750; Corona=8.750; Desert Hot Springs=8.750; Eastvale=7.750; Hemet=8.750; Indian Wells=7.750; Indio=8.750; Jurupa Valley=7.750; Lake Elsinore=8.750; La Quinta=8.750; Menifee=8.750; Moreno Valley=8.750; Murrieta=8.750; Norco=8.750; Palm Desert=8.750; Palm Springs=9.250; Perris=7.750; Rancho Mirage=7.750; Riverside=8.750; San Jacinto=8.750; Temecula=8.750; Wildomar=8.750"],
  ["Sacramento", "7.750", "Citrus Heights=7.750; Elk Grove=8.750; Folsom=7.750; Galt=9.250; Isleton=8.750; Rancho Cordova=8.750; Sacramento=8.750"],
  ["San Benito", "8.250", "Hollister=9.250; San Juan Bautista=9.000"],
  ["San Bernardino", "7.750", "Adelanto=7.750; Apple Valley=8.750; Barstow=8.750; Big Bear Lake=7.750; Chino=8.750; Chino Hills=7.750; Colton=8.750; Fontana=8.750; Grand Terrace=7.750; Hesperia=7.750; Highland=7.750; Loma Linda=7.750; Montclair=9.000; Needles=7.750; Ontario=8.750; Rancho Cucamonga=7.750; Redlands=8.750; Rialto=7.750; San Bernardino=8.750; Twentynine Palms=7.750; Upland=7.750; Victorville=8.750; Yucaipa=8.750; Yucca Valley=8.750"],
  ["San Diego", "7.750", "Carlsbad=7.750; Chula Vista=8.750; Coronado=7.750; Del Mar=8.750; El Cajon=8.250; Encinitas=7.750; Escondido=8.750; Imperial Beach=8.750; La Mesa=8.500; Lemon Grove=8.750; National City=8.750; Oceanside=8.250; Poway=7.750; San Diego=7.750; San Marcos=8.750; Santee=7.750; Solana Beach=8.750; Vista=8.250"],
  ["San Francisco", "8.625", "San Francisco=8.625"],
  ["San Joaquin", "7.750", "Escalon=8.750; Lathrop=8.750; Lodi=8.250; Manteca=9.000; Mountain House=7.750; Ripon=7.750; Stockton=9.000; Tracy=8.250"],
  ["San Luis Obispo", "7.250", "Arroyo Grande=8.750; Atascadero=8.750; Grover Beach=8.750; Morro Bay=8.750; Paso Robles=8.750; Pismo Beach=8.250; San Luis Obispo=8.750"],
  ["San Mateo", "9.375", "Atherton=9.375; Belmont=9.875; Brisbane=9.875; Burlingame=9.625; Colma=9.875; Daly City=9.875; East Palo Alto=9.875; Foster City=9.375; Half Moon Bay=9.875; Hillsborough=9.375; Menlo Park=9.375; Millbrae=9.375; Pacifica=9.875; Portola Valley=9.375; Redwood City=9.875; San Bruno=9.875; San Carlos=9.375; San Mateo=9.625; South San Francisco=9.875; Woodside=9.375"],
  ["Santa Barbara", "7.750", "Buellton=7.750; Carpinteria=9.000; Goleta=8.750; Guadalupe=8.750; Lompoc=8.750; Santa Barbara=9.250; Santa Maria=8.750; Solvang=8.750"],
  ["Santa Clara", "9.125", "Campbell=9.875; Cupertino=9.125; Gilroy=9.125; Los Altos=9.125; Los Altos Hills=9.125; Los Gatos=9.250; Milpitas=9.375; Monte Sereno=9.125; Morgan Hill=9.125; Mountain View=9.125; Palo Alto=9.125; San Jose=9.375; Santa Clara=9.125; Saratoga=9.125; Sunnyvale=9.125"],
  ["Santa Cruz", "9.500", "Capitola=9.250; Santa Cruz=9.750; Scotts Valley=9.750; Watsonville=9.750"],
  ["Shasta", "7.250", "Anderson=7.750; Redding=7.250; Shasta Lake=7.250"],
  ["Sierra", "7.250", "Loyalton=7.250"],
  ["Siskiyou", "7.250", "Dorris=7.250; Dunsmuir=7.750; Etna=7.250; Fort Jones=7.250; Montague=7.250; Mount Shasta=7.500; Tulelake=7.250; Weed=7.500; Yreka=8.750"],
  ["Solano", "7.375", "Benicia=9.625; Dixon=8.375; Fairfield=8.375; Rio Vista=9.125; Suisun City=9.125; Vacaville=8.125; Vallejo=9.250"],
  ["Sonoma", "9.250", "Cloverdale=10.000; Cotati=10.250; Healdsburg=9.750; Petaluma=10.250; Rohnert Park=9.750; Santa Rosa=10.000; Sebastopol=10.500; Sonoma=10.250; Windsor=9.250"],
  ["Stanislaus", "7.875", "Ceres=8.375; Hughson=7.875; Modesto=8.875; Newman=7.875; Oakdale=8.375; Patterson=7.875; Riverbank=7.875; Turlock=8.625; Waterford=7.875"],
  ["Sutter", "7.250", "Live Oak=7.250; Yuba City=7.250"],
  ["Tehama", "7.250", "Corning=7.750; Red Bluff=7.500; Tehama=7.250"],
  ["Trinity", "7.250", ""],
  ["Tulare", "7.750", "Dinuba=8.500; Exeter=8.750; Farmersville=8.750; Lindsay=8.750; Porterville=9.250; Tulare=8.250; Visalia=8.500; Woodlake=8.750"],
  ["Tuolumne", "7.250", "Sonora=8.750"],
  ["Ventura", "7.250", "Camarillo=7.250; Fillmore=7.250; Moorpark=7.250; Ojai=7.250; Oxnard=9.250; Port Hueneme=8.750; Santa Paula=9.250; Simi Valley=7.250; Thousand Oaks=7.250; Ventura=7.750"],
  ["Yolo", "7.250", "Davis=9.250; West Sacramento=9.250; Winters=8.250; Woodland=8.000"],
  ["Yuba", "8.250", "Marysville=8.250; Wheatland=7.750"],
];

/** Total % → the district share as a fraction ("9.750" → "0.025"), exact to the 1/1000 %. */
function districtShare(totalPct: string): string {
  const thousandths = Math.round(Number(totalPct) * 1000) - CA_STATEWIDE * 1000;
  return (thousandths / 100000).toFixed(5).replace(/0+$/, '').replace(/\.$/, '');
}

function entry(county: string, city: string | undefined, totalPct: string): ShippedLocalRate {
  const share = districtShare(totalPct);
  const name = city
    ? `${city} district taxes (city and county-wide, ${totalPct}% in all)`
    : `${county} County district taxes (unincorporated area, ${totalPct}% in all)`;
  return {
    state: 'CA',
    county,
    ...(city ? { city, replacesCounty: true } : {}),
    effectiveFrom: CA_FROM,
    confirmedThrough: CA_CONFIRMED,
    lines: Number(share) > 0 ? [{ kind: 'DISTRICT', name, rate: share }] : [],
    source: CA_RATES_FILE,
    publication: CA_PUB,
    verified: true,
    complete: true,
  };
}

export const CA_LOCAL_RATES: ShippedLocalRate[] = CA_2026_01.flatMap(([county, total, cities]) => [
  entry(county, undefined, total),
  ...cities
    .split('; ')
    .filter(Boolean)
    .map((c) => {
      const [city, pct] = c.split('=') as [string, string];
      return entry(county, city, pct);
    }),
]);
