// The demo dealership's customers: made-up people at real ZIP codes (city and county as the ZIP index
// the tax engine and the address check use, so every address validates and taxes resolve), phones in
// the 555-01xx range reserved for fiction, e-mail at the reserved example.* domains.
import { resolveZip } from '@autolytiq/calc';
import type { Random } from './random.ts';

// prettier-ignore
const FIRST = [
  'James', 'Maria', 'Robert', 'Linda', 'Michael', 'Patricia', 'David', 'Jennifer', 'Carlos', 'Elizabeth',
  'Daniel', 'Sofia', 'Matthew', 'Ashley', 'Anthony', 'Emily', 'Joshua', 'Olivia', 'Andrew', 'Jessica',
  'Luis', 'Sarah', 'Kevin', 'Ana', 'Brian', 'Nicole', 'Tyler', 'Hannah', 'Marcus', 'Grace', 'Juan',
  'Rachel', 'Ethan', 'Megan', 'Nathan', 'Lauren', 'Diego', 'Chloe', 'Ryan', 'Vanessa', 'Jordan', 'Priya',
  'Wei', 'Aaliyah', 'Hector', 'Brianna', 'Samuel', 'Keisha', 'Thanh', 'Gabriela',
];
// prettier-ignore
const LAST = [
  'Garcia', 'Johnson', 'Martinez', 'Williams', 'Brown', 'Hernandez', 'Davis', 'Lopez', 'Miller',
  'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson',
  'Baker', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Patel', 'Chen', 'Okafor', 'Castillo',
];
// prettier-ignore
const STREETS = [
  'Oak', 'Cedar', 'Pecan', 'Mesquite', 'Live Oak', 'Bluebonnet', 'Lamar', 'Congress', 'Guadalupe',
  'Riverside', 'Barton Springs', 'Burnet', 'Anderson', 'Parmer', 'Main', 'Elm', 'Church', 'Lakeview',
  'Hill Country', 'Ranch Road', 'Sunset', 'Magnolia', 'Willow', 'Cypress', 'Sycamore', 'Juniper',
];
const SUFFIXES = ['St', 'Ave', 'Dr', 'Ln', 'Blvd', 'Ct', 'Trl', 'Way'];
const BUSINESSES = [
  'Hill Country Landscaping LLC', 'Capitol Plumbing Co', 'Lone Star Electric Inc',
  'Barton Creek Catering', 'Red River Roofing LLC', 'Pecan Street Bakery', 'Austin Mobile Detailing',
  'Lakeway Pool Service', 'Round Rock Flooring Inc', 'Cedar Park HVAC LLC',
]; // prettier-ignore

/** [ZIP, weight, area code]: mostly the dealership's own market (Austin), some neighbors. */
// prettier-ignore
const ZIPS: readonly (readonly [string, number, string])[] = [
  ['78701', 4, '512'], ['78704', 8, '512'], ['78745', 8, '512'], ['78748', 5, '512'], ['78759', 5, '512'],
  ['78613', 6, '512'], ['78660', 6, '512'], ['78664', 6, '512'], ['78641', 4, '512'], ['78626', 4, '512'],
  ['78666', 4, '512'], ['78130', 3, '830'], ['78209', 3, '210'], ['78251', 2, '210'], ['75201', 2, '214'],
  ['75034', 2, '469'], ['77002', 2, '713'], ['76102', 2, '817'],
  ['73102', 2, '405'], ['73034', 2, '405'], ['74103', 2, '918'],
  ['70112', 1, '504'], ['70808', 1, '225'],
  ['87102', 2, '505'], ['87505', 1, '505'],
];

export interface DemoCustomerInput {
  kind: 'INDIVIDUAL' | 'BUSINESS';
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
  emails: string[];
  phones: { number: string; kind: 'MOBILE' | 'HOME' | 'WORK' }[];
  addresses: {
    kind: 'HOME' | 'BUSINESS';
    line1: string;
    line2: string | null;
    city: string;
    state: string;
    zip: string;
    county: string;
  }[];
  preferredContact: 'EMAIL' | 'PHONE' | 'SMS';
  marketingConsent: boolean;
  source: 'WALK_IN' | 'PHONE' | 'WEB_LEAD' | 'REFERRAL' | 'REPEAT' | 'EVENT';
}

function address(random: Random, kind: 'HOME' | 'BUSINESS'): DemoCustomerInput['addresses'][0] {
  const [zip] = random.weighted(ZIPS.map((z) => [z, z[1]] as const));
  const place = resolveZip(zip);
  if (!place) throw new Error(`demo ZIP ${zip} is not in the ZIP index`);
  return {
    kind,
    line1: `${random.int(100, 9899)} ${random.pick(STREETS)} ${random.pick(SUFFIXES)}`,
    line2: random.chance(0.12) ? `Apt ${random.int(101, 1450)}` : null,
    city: place.city,
    state: place.state,
    zip,
    county: place.county,
  };
}

function phone(random: Random, zip: string): string {
  const area = ZIPS.find((z) => z[0] === zip)?.[2] ?? '512';
  return `(${area}) 555-01${String(random.int(0, 99)).padStart(2, '0')}`;
}

/** The n-th demo customer (n makes e-mail addresses unique). */
export function demoCustomer(random: Random, n: number): DemoCustomerInput {
  const business = random.chance(0.04);
  const first = random.pick(FIRST);
  const last = random.pick(LAST);
  const home = address(random, business ? 'BUSINESS' : 'HOME');
  const domain = random.pick(['example.com', 'example.net', 'example.org']);
  const businessName = business ? random.pick(BUSINESSES) : null;
  const email = business
    ? `office${n}@${domain}`
    : `${first}.${last}${n}@${domain}`.toLowerCase().replace(/\s/g, '');
  const emails = random.chance(0.9) ? [email] : [];
  return {
    kind: business ? 'BUSINESS' : 'INDIVIDUAL',
    firstName: first,
    lastName: last,
    businessName,
    emails,
    phones: [
      { number: phone(random, home.zip), kind: business ? 'WORK' : 'MOBILE' },
      ...(random.chance(0.2) ? [{ number: phone(random, home.zip), kind: 'HOME' as const }] : []),
    ],
    addresses: [home],
    preferredContact: random.weighted([
      ['PHONE', 4],
      ['SMS', 3],
      ['EMAIL', emails.length > 0 ? 3 : 0],
    ] as const),
    marketingConsent: random.chance(0.6),
    source: random.weighted([
      ['WALK_IN', 5],
      ['WEB_LEAD', 6],
      ['PHONE', 2],
      ['REFERRAL', 2],
      ['REPEAT', 1],
      ['EVENT', 1],
    ] as const),
  };
}

// prettier-ignore
export const ACTIVITY_SUMMARIES = {
  CALL: ['Called back about the trade-in value', 'Left a voicemail about the test drive', 'Discussed monthly payment range', 'Confirmed appointment for Saturday'],
  EMAIL: ['Sent the price quote', 'Sent photos of the vehicle', 'Answered questions about the warranty'],
  TEXT: ['Texted directions to the dealership', 'Texted the trade-in estimate', 'Reminder for tomorrow’s appointment'],
  VISIT: ['Walked the lot, liked the SUVs', 'Came in with spouse to compare two trucks', 'Visited to sign paperwork'],
  TEST_DRIVE: ['Test drove a sedan, wants the sunroof', 'Test drove a pickup on the highway loop', 'Second test drive, ready to talk numbers'],
  LEAD: ['Web lead: asked for best price', 'Web lead: trade-in appraisal request', 'Web lead: availability check'],
} as const;

// prettier-ignore
export const NOTES = [
  'Prefers to be contacted after 5 pm.', 'Has a 2016 Accord to trade, about 98k miles.',
  'Credit union pre-approval up to $35,000.', 'Needs third-row seating for the kids.',
  'Wants to keep the payment under $550/month.', 'Referred by a previous customer.',
  'Interested in leasing; drives about 12k miles a year.', 'Spanish-speaking; ask for Carlos.',
  'Shopping two other dealers; price sensitive.', 'Wants a truck that tows 7,000 lbs.',
];
