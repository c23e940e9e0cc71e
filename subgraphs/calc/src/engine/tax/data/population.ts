// Populations for the local-tax coverage figure only (no tax depends on them): the 2020 Census
// resident population of each state (U.S. Census Bureau, 2020 Census apportionment results), and of
// the counties/cities the shipped local tables hold where a state is only partly shipped, rounded
// to the thousand (2020 Census counts; county figures quoted from memory of the Census QuickFacts).

// prettier-ignore
export const STATE_POPULATION_2020: Readonly<Record<string, number>> = {
  AL: 5024279, AK: 733391, AZ: 7151502, AR: 3011524, CA: 39538223, CO: 5773714, CT: 3605944,
  DE: 989948, DC: 689545, FL: 21538187, GA: 10711908, HI: 1455271, ID: 1839106, IL: 12812508,
  IN: 6785528, IA: 3190369, KS: 2937880, KY: 4505836, LA: 4657757, ME: 1362359, MD: 6177224,
  MA: 7029917, MI: 10077331, MN: 5706494, MS: 2961279, MO: 6154913, MT: 1084225, NE: 1961504,
  NV: 3104614, NH: 1377529, NJ: 9288994, NM: 2117522, NY: 20201249, NC: 10439388, ND: 779094,
  OH: 11799448, OK: 3959353, OR: 4237256, PA: 13002700, RI: 1097379, SC: 5118425, SD: 886667,
  TN: 6910840, TX: 29145505, UT: 3271616, VT: 643077, VA: 8631393, WA: 7705281, WV: 1793716,
  WI: 5893718, WY: 576851,
};

/** "ST|County" or "ST|County|City" → population (2020 Census, thousands × 1000). */
// prettier-ignore
export const LOCALITY_POPULATION_2020: Readonly<Record<string, number>> = {
  'FL|Alachua': 278000, 'FL|Baker': 28000, 'FL|Bay': 175000, 'FL|Bradford': 28000,
  'FL|Brevard': 607000, 'FL|Broward': 1944000, 'FL|Calhoun': 14000, 'FL|Charlotte': 187000,
  'FL|Citrus': 154000, 'FL|Clay': 219000, 'FL|Collier': 376000, 'FL|Columbia': 70000,
  'FL|DeSoto': 34000, 'FL|Dixie': 17000, 'FL|Duval': 995000, 'FL|Escambia': 322000,
  'FL|Flagler': 116000, 'FL|Franklin': 12000, 'FL|Gadsden': 44000, 'FL|Gilchrist': 18000,
  'FL|Glades': 12000, 'FL|Gulf': 15000, 'FL|Hardee': 25000, 'FL|Miami-Dade': 2702000,
  'FL|Lee': 761000, 'FL|Leon': 292000, 'FL|Hillsborough': 1459000, 'FL|Orange': 1429000,
  'FL|Pinellas': 959000, 'FL|Seminole': 471000, 'FL|Sarasota': 434000,
  'NY|New York': 1694000, 'NY|Kings': 2736000, 'NY|Queens': 2405000, 'NY|Bronx': 1473000,
  'NY|Richmond': 496000, 'NY|Nassau': 1396000, 'NY|Suffolk': 1526000, 'NY|Westchester': 1004000,
  'NY|Erie': 954000, 'NY|Monroe': 759000, 'NY|Albany': 315000, 'NY|Onondaga': 477000,
  'TN|Davidson': 716000, 'TN|Knox': 478000, 'TN|Hamilton': 367000, 'TN|Shelby': 929000,
  'HI|Honolulu': 1017000, 'HI|Kauai': 73000, 'HI|Hawaii': 201000, 'HI|Maui': 165000,
  'CA|Los Angeles': 10014000, 'CA|Orange': 3186000, 'CA|San Diego': 3298000,
  'CA|Sacramento': 1585000,
  'OH|Franklin': 1324000, 'WI|Milwaukee': 939000, 'NV|Clark': 2265000, 'NV|Washoe': 486000,
  'NE|Douglas|Omaha': 486000, 'NE|Lancaster|Lincoln': 291000, 'CO|Denver': 716000,
};
