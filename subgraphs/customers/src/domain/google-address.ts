// The Google implementation of AddressValidator: Google Maps Platform's Address Validation API
// (POST {base}/v1:validateAddress, key in the X-Goog-Api-Key header, USPS CASS on), used when
// GOOGLE_MAPS_API_KEY is set. Same policy as the offline validator: what Google could not confirm,
// or would change (a spell-corrected or replaced city, street or ZIP), is reported as a problem with
// Google's suggestion in the message, never silently applied. The county comes from the tax engine's
// ZIP index for the confirmed ZIP (the names the tax rules use), else from USPS data.
// When Google cannot be reached or refuses the request, the offline check answers instead (and says
// so in `checkedBy`), so a Google outage never stops a dealership from working.
import { resolveZip } from '@autolytiq/calc';
import {
  basicAddressProblems,
  normalizeShape,
  OfflineAddressValidator,
  type AddressInput,
  type AddressProblem,
  type AddressValidation,
  type AddressValidator,
} from './address.ts';

export const GOOGLE_ADDRESS_VALIDATION_URL = 'https://addressvalidation.googleapis.com';

interface Component {
  componentName?: { text?: string };
  componentType?: string;
  confirmationLevel?: 'CONFIRMED' | 'UNCONFIRMED_BUT_PLAUSIBLE' | 'UNCONFIRMED_AND_SUSPICIOUS';
  inferred?: boolean;
  spellCorrected?: boolean;
  replaced?: boolean;
  unexpected?: boolean;
}

/** The part of the API's response this validator reads. */
export interface GoogleValidationResponse {
  result?: {
    verdict?: {
      inputGranularity?: string;
      validationGranularity?: string;
      addressComplete?: boolean;
      hasUnconfirmedComponents?: boolean;
      hasReplacedComponents?: boolean;
      possibleNextAction?: string;
    };
    address?: {
      formattedAddress?: string;
      postalAddress?: {
        regionCode?: string;
        postalCode?: string;
        administrativeArea?: string;
        locality?: string;
        addressLines?: string[];
      };
      addressComponents?: Component[];
      missingComponentTypes?: string[];
      unconfirmedComponentTypes?: string[];
      unresolvedTokens?: string[];
    };
    uspsData?: {
      standardizedAddress?: { zipCode?: string; zipCodeExtension?: string };
      county?: string;
    };
  };
}

const FIELD_OF: Record<string, string> = {
  street_number: 'line1',
  route: 'line1',
  premise: 'line1',
  street_address: 'line1',
  point_of_interest: 'line1',
  subpremise: 'line2',
  locality: 'city',
  postal_town: 'city',
  sublocality: 'city',
  sublocality_level_1: 'city',
  neighborhood: 'city',
  administrative_area_level_1: 'state',
  administrative_area_level_2: 'county',
  postal_code: 'zip',
  postal_code_suffix: 'zip',
  country: 'state',
};

const LABEL: Record<string, string> = {
  line1: 'street address',
  line2: 'unit',
  city: 'city',
  state: 'state',
  zip: 'ZIP',
  county: 'county',
};

const fieldOf = (type: string | undefined) => FIELD_OF[type ?? ''] ?? 'line1';
// A confirmed address is precise to the building (or unit).
const PRECISE = new Set(['PREMISE', 'SUB_PREMISE']);

/** Problems in Google's verdict, per field (the first problem of a field wins). */
export function googleProblems(
  res: GoogleValidationResponse,
  input: AddressInput,
): AddressProblem[] {
  const problems: AddressProblem[] = [];
  const add = (field: string, message: string) => {
    if (!problems.some((p) => p.field === field)) problems.push({ field, message });
  };
  const result = res.result;
  const address = result?.address;
  if (!result?.verdict || !address) {
    add('line1', 'The address could not be checked (empty answer from Google).');
    return problems;
  }
  const region = address.postalAddress?.regionCode;
  if (region && region !== 'US')
    add('state', `Google places this address in ${region}, not the US.`);
  for (const c of address.addressComponents ?? []) {
    const field = fieldOf(c.componentType);
    const name = c.componentName?.text ?? '';
    if (c.replaced || c.spellCorrected) {
      // ZIP+4 filled in or a street type expanded is fine; a different ZIP, city or street is not.
      if (field === 'zip' && name.slice(0, 5) === input.zip.trim().slice(0, 5)) continue;
      add(field, `Google suggests ${LABEL[field]} "${name}" instead; check it with the customer.`);
    } else if (c.confirmationLevel === 'UNCONFIRMED_AND_SUSPICIOUS') {
      add(field, `Google could not confirm the ${LABEL[field]} "${name}".`);
    } else if (c.unexpected) {
      add(field, `"${name}" does not belong in this address.`);
    }
  }
  for (const t of address.missingComponentTypes ?? []) {
    const field = fieldOf(t);
    add(field, `The ${LABEL[field]} is missing (${t.replace(/_/g, ' ')}).`);
  }
  if (address.unresolvedTokens?.length)
    add('line1', `Google could not place: ${address.unresolvedTokens.join(' ')}.`);
  const granularity = result.verdict.validationGranularity ?? 'OTHER';
  if (!PRECISE.has(granularity))
    add(
      'line1',
      `Google could not confirm the street address (confirmed only to ${granularity.toLowerCase().replace(/_/g, ' ')}).`,
    );
  if (result.verdict.addressComplete === false && problems.length === 0)
    add('line1', 'Google reports the address as incomplete.');
  return problems;
}

export interface GoogleAddressValidatorOptions {
  apiKey: string;
  /** Default https://addressvalidation.googleapis.com (a stand-in server in tests). */
  baseUrl?: string;
  timeoutMs?: number;
  /** Told when Google could not answer and the offline check was used. */
  onFallback?: (reason: string) => void;
  fetch?: typeof fetch;
}

export class GoogleAddressValidator implements AddressValidator {
  readonly name = 'google-address-validation';
  private readonly offline = new OfflineAddressValidator();
  private readonly endpoint: string;

  constructor(private readonly options: GoogleAddressValidatorOptions) {
    const base = (options.baseUrl ?? GOOGLE_ADDRESS_VALIDATION_URL).replace(/\/+$/, '');
    this.endpoint = `${base}/v1:validateAddress`;
  }

  async validate(input: AddressInput): Promise<AddressValidation> {
    const basic = basicAddressProblems(input);
    if (basic.length > 0)
      return { valid: false, normalized: null, problems: basic, checkedBy: this.name };
    const shaped = normalizeShape(input);
    let res: GoogleValidationResponse;
    try {
      res = await this.call(shaped);
    } catch (error) {
      const reason = (error as Error).message;
      this.options.onFallback?.(reason);
      return this.offline.validateSync(input);
    }
    const problems = googleProblems(res, shaped);
    if (problems.length > 0)
      return { valid: false, normalized: null, problems, checkedBy: this.name };
    const postal = res.result!.address!.postalAddress ?? {};
    const usps = res.result!.uspsData;
    const zip5 =
      usps?.standardizedAddress?.zipCode ?? (postal.postalCode ?? shaped.zip).slice(0, 5);
    const plus4 = usps?.standardizedAddress?.zipCodeExtension;
    const lines = postal.addressLines?.length ? postal.addressLines : [shaped.line1];
    const county =
      resolveZip(zip5)?.county ??
      (usps?.county ? usps.county.toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase()) : null);
    if (shaped.county && county && comparableCounty(shaped.county) !== comparableCounty(county))
      return {
        valid: false,
        normalized: null,
        problems: [
          { field: 'county', message: `ZIP ${zip5} is in ${county}, not ${shaped.county}.` },
        ],
        checkedBy: this.name,
      };
    return {
      valid: true,
      normalized: {
        kind: shaped.kind,
        line1: lines[0]!,
        line2: lines.slice(1).join(', ') || shaped.line2,
        city: postal.locality ?? shaped.city,
        state: (postal.administrativeArea ?? shaped.state).toUpperCase(),
        zip: plus4 ? `${zip5}-${plus4}` : zip5,
        county,
      },
      problems: [],
      checkedBy: this.name,
    };
  }

  private async call(a: ReturnType<typeof normalizeShape>): Promise<GoogleValidationResponse> {
    const doFetch = this.options.fetch ?? fetch;
    const res = await doFetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': this.options.apiKey },
      body: JSON.stringify({
        address: {
          regionCode: 'US',
          postalCode: a.zip,
          administrativeArea: a.state,
          locality: a.city,
          addressLines: [a.line1, ...(a.line2 ? [a.line2] : [])],
        },
        enableUspsCass: true,
      }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 3000),
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as {
        error?: { status?: string; message?: string };
      };
      throw new Error(
        `Google Address Validation answered HTTP ${res.status}${body.error?.status ? ` ${body.error.status}` : ''}${body.error?.message ? `: ${body.error.message}` : ''}`,
      );
    }
    return (await res.json()) as GoogleValidationResponse;
  }
}

const comparableCounty = (s: string) =>
  s
    .toLowerCase()
    .replace(/\b(county|parish|borough)\b/g, '')
    .replace(/[^a-z0-9]/g, '');

export interface AddressValidatorConfig {
  GOOGLE_MAPS_API_KEY?: string | undefined;
  GOOGLE_ADDRESS_VALIDATION_URL?: string | undefined;
}

/** Google's Address Validation API when GOOGLE_MAPS_API_KEY is set, else the offline ZIP check. */
export function addressValidatorFor(
  config: AddressValidatorConfig,
  onFallback?: (reason: string) => void,
): AddressValidator {
  if (!config.GOOGLE_MAPS_API_KEY) return new OfflineAddressValidator();
  return new GoogleAddressValidator({
    apiKey: config.GOOGLE_MAPS_API_KEY,
    baseUrl: config.GOOGLE_ADDRESS_VALIDATION_URL,
    onFallback,
  });
}
