// Credit applications: taken with customers.write, read masked by anyone with customers.read, and
// revealed in clear only through `reveal`, which the schema restricts to customers.pii.read and
// which writes its audit record in the same transaction as the read (no audit row, no clear text).
import { randomUUID } from 'node:crypto';
import {
  badInput,
  conflict,
  forbidden,
  isUuid,
  notFound,
  tenantOf,
  type Database,
  type Principal,
  pageSize,
  parse,
  recordAudit,
} from '@autolytiq/kit';
import { findCustomers } from '../store/customers-store.ts';
import {
  allSealedPii,
  applicationsOf,
  bumpApplicationVersion,
  changesOf,
  deleteCoApplicant,
  findApplications,
  insertApplicant,
  insertApplication,
  insertChange,
  insertReveal,
  resealApplicant,
  revealsOf,
  sealedPiiOf,
  updateApplicant,
  type CreditApplicationChangeRecord,
  type PiiRevealRecord,
  type SealedApplicant,
  type SealedPii,
} from '../store/credit-store.ts';
import {
  APPLICANT_KEYS,
  formatSsn,
  missingRequired,
  validateApplicant,
  validateApplicantPatch,
  validateCreditApplication,
  type ApplicantFields,
  type ApplicantRecord,
  type ApplicantRole,
  type CreditApplicantInput,
  type CreditApplicationInput,
  type CreditApplicationPatch,
  type CreditApplicationRecord,
} from './credit-application.ts';
import type { PiiCipher } from './pii-crypto.ts';

export type PiiField =
  | 'APPLICANT_SSN'
  | 'APPLICANT_DATE_OF_BIRTH'
  | 'CO_APPLICANT_SSN'
  | 'CO_APPLICANT_DATE_OF_BIRTH'
  | 'CUSTOMER_DATE_OF_BIRTH'
  | 'CUSTOMER_DATE_OF_BIRTH_MATCH';
export const ALL_PII_FIELDS: readonly PiiField[] = [
  'APPLICANT_SSN',
  'APPLICANT_DATE_OF_BIRTH',
  'CO_APPLICANT_SSN',
  'CO_APPLICANT_DATE_OF_BIRTH',
];

export interface RevealedPii {
  ssn: string | null;
  dateOfBirth: string | null;
}

export interface PiiReveal {
  applicationId: string;
  customerId: string;
  applicant: RevealedPii;
  coApplicant: RevealedPii | null;
  audit: PiiRevealRecord;
}

/** What binds a sealed value to its row: moved to another row, field or dealership it will not open. */
export const piiContext = (dealershipId: string, applicantId: string, field: 'ssn' | 'dob') =>
  `customers.credit_applicants/${dealershipId}/${applicantId}/${field}`;

const fieldPrefix = (role: ApplicantRole) => (role === 'APPLICANT' ? 'APPLICANT' : 'CO_APPLICANT');

/** JSON with object keys sorted and undefined left out: jsonb read back compares equal to what was written. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

/** One applicant after a correction: the row to write (PII sealed) and its SSN in clear for the checks. */
interface Corrected {
  row: SealedApplicant;
  ssn: string;
  ssnGiven: boolean;
  touched: boolean;
}

export class CreditService {
  constructor(
    private readonly db: Database,
    private readonly cipher: PiiCipher,
  ) {}

  private seal(
    dealershipId: string,
    a: ApplicantFields,
    applicantId = randomUUID(),
  ): SealedApplicant {
    const { ssn, dateOfBirth, ...rest } = a;
    return {
      ...rest,
      id: applicantId,
      ssnEncrypted: this.cipher.encrypt(ssn, piiContext(dealershipId, applicantId, 'ssn')),
      ssnLast4: ssn.slice(-4),
      dateOfBirthEncrypted: this.cipher.encrypt(
        dateOfBirth,
        piiContext(dealershipId, applicantId, 'dob'),
      ),
      birthYear: Number(dateOfBirth.slice(0, 4)),
    };
  }

  async create(
    principal: Principal,
    customerId: string,
    input: CreditApplicationInput,
  ): Promise<CreditApplicationRecord> {
    parse.id('customerId', customerId);
    const applicants = validateCreditApplication(input);
    const { dealershipId } = principal;
    const sealed = applicants.map((a) => this.seal(dealershipId, a));
    const applicationId = randomUUID();
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [customer] = await findCustomers(em, [customerId]);
      if (!customer) throw notFound('No such customer.');
      await insertApplication(
        em,
        dealershipId,
        applicationId,
        customerId,
        principal.userId,
        sealed,
      );
      await recordAudit(em, {
        source: 'customers',
        entityType: 'CreditApplication',
        entityId: applicationId,
        action: 'create',
        changes: [
          { field: 'customerId', from: null, to: customerId },
          ...applicants.map((a) => ({
            field: a.role === 'APPLICANT' ? 'applicant' : 'coApplicant',
            from: null,
            to: null,
            sealed: true,
          })),
        ],
      });
      const [saved] = await findApplications(em, [applicationId]);
      return saved!;
    });
  }

  /**
   * Applies `patch` onto one stored applicant: only values that differ count as changes (their input
   * paths are pushed onto `changed`); a new SSN or date of birth is sealed to the applicant's row
   * with the current key, like create does.
   */
  private correct(
    dealershipId: string,
    prefix: string,
    rec: ApplicantRecord,
    env: SealedPii,
    patch: Partial<Omit<ApplicantFields, 'role'>>,
    changed: string[],
  ): Corrected {
    const ssnCtx = piiContext(dealershipId, rec.id, 'ssn');
    const dobCtx = piiContext(dealershipId, rec.id, 'dob');
    const row: SealedApplicant = {
      ...rec,
      ssnEncrypted: env.ssnEncrypted,
      dateOfBirthEncrypted: env.dateOfBirthEncrypted,
    };
    let ssn = this.cipher.decrypt(env.ssnEncrypted, ssnCtx);
    let touched = false;
    for (const key of APPLICANT_KEYS) {
      if (patch[key] === undefined) continue;
      if (key === 'ssn') {
        const next = patch.ssn!;
        if (next === ssn) continue;
        ssn = next;
        row.ssnEncrypted = this.cipher.encrypt(next, ssnCtx);
        row.ssnLast4 = next.slice(-4);
      } else if (key === 'dateOfBirth') {
        const next = patch.dateOfBirth!;
        if (next === this.cipher.decrypt(env.dateOfBirthEncrypted, dobCtx)) continue;
        row.dateOfBirthEncrypted = this.cipher.encrypt(next, dobCtx);
        row.birthYear = Number(next.slice(0, 4));
      } else {
        if (canonical(rec[key]) === canonical(patch[key])) continue;
        (row as unknown as Record<string, unknown>)[key] = patch[key];
      }
      changed.push(`${prefix}.${key}`);
      touched = true;
    }
    return { row, ssn, ssnGiven: patch.ssn !== undefined, touched };
  }

  /**
   * Corrects a credit application before it goes to lenders. `version` must be the one read (stale →
   * CONFLICT). Fields left out keep their value; a new SSN or date of birth is sealed like on create.
   * Every problem is BAD_USER_INPUT naming the field and nothing is written; another dealership's id
   * is NOT_FOUND. What changed (input paths, never values) is recorded in the append-only
   * customers.credit_application_changes in the same transaction. A correction that changes nothing
   * writes nothing (no new version, no record).
   */
  async update(
    principal: Principal,
    applicationId: string,
    version: number,
    patch: CreditApplicationPatch,
    requestId: string | null,
    today = new Date(),
  ): Promise<CreditApplicationRecord> {
    if (!principal.permissions.includes('customers.write'))
      throw forbidden('This requires permission customers.write.', {
        requiredPermissions: ['customers.write'],
      });
    parse.id('id', applicationId);
    if (patch.applicant === null)
      throw badInput('input.applicant', 'The applicant cannot be removed; correct their details.');
    const applicantPatch = patch.applicant
      ? validateApplicantPatch('input.applicant', patch.applicant, today)
      : {};
    const { dealershipId } = principal;
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const [current] = await findApplications(em, [applicationId]);
      const sealed = current ? await sealedPiiOf(em, applicationId) : undefined;
      if (!current || !sealed) throw notFound('No such credit application.');
      const envOf = (role: ApplicantRole) => sealed.applicants.find((a) => a.role === role)!;

      const changed: string[] = [];
      const main = this.correct(
        dealershipId,
        'applicant',
        current.applicant,
        envOf('APPLICANT'),
        applicantPatch,
        changed,
      );
      let co: Corrected | undefined;
      let addCo: SealedApplicant | undefined;
      let coSsn: string | undefined;
      let removeCo = false;
      if (patch.coApplicant === null) {
        removeCo = !!current.coApplicant;
        if (removeCo) changed.push('coApplicant');
      } else if (patch.coApplicant && current.coApplicant) {
        const coPatch = validateApplicantPatch('input.coApplicant', patch.coApplicant, today);
        co = this.correct(
          dealershipId,
          'coApplicant',
          current.coApplicant,
          envOf('CO_APPLICANT'),
          coPatch,
          changed,
        );
        coSsn = co.ssn;
      } else if (patch.coApplicant) {
        const missing = missingRequired(patch.coApplicant);
        if (missing)
          throw badInput(`input.coApplicant.${missing}`, 'Required to add a co-applicant.');
        const fields = validateApplicant(
          'input.coApplicant',
          'CO_APPLICANT',
          patch.coApplicant as CreditApplicantInput,
          today,
        );
        addCo = this.seal(dealershipId, fields);
        coSsn = fields.ssn;
        changed.push('coApplicant');
      }
      if (
        coSsn === undefined &&
        current.coApplicant &&
        patch.coApplicant === undefined &&
        main.ssnGiven
      )
        coSsn = this.cipher.decrypt(
          envOf('CO_APPLICANT').ssnEncrypted,
          piiContext(dealershipId, current.coApplicant.id, 'ssn'),
        );
      if (coSsn !== undefined && coSsn === main.ssn)
        throw badInput(
          main.ssnGiven && !co?.ssnGiven && !addCo
            ? 'input.applicant.ssn'
            : 'input.coApplicant.ssn',
          'The co-applicant has the same SSN as the applicant.',
        );

      if (
        current.version !== version ||
        (changed.length > 0 && !(await bumpApplicationVersion(em, applicationId, version)))
      )
        throw conflict(
          `The credit application was changed by someone else (now version ${current.version}, you edited version ${version}). Reload and try again.`,
        );
      if (changed.length === 0) return current;
      if (main.touched) await updateApplicant(em, main.row);
      if (co?.touched) await updateApplicant(em, co.row);
      if (removeCo) await deleteCoApplicant(em, applicationId);
      if (addCo) await insertApplicant(em, dealershipId, applicationId, addCo);
      await insertChange(em, dealershipId, {
        applicationId,
        customerId: current.customerId,
        changedBy: principal.userId,
        changedByUsername: principal.username,
        fields: changed,
        version: version + 1,
        requestId,
      });
      const [saved] = await findApplications(em, [applicationId]);
      return saved!;
    });
  }

  /** What was corrected on these applications (field names only), newest first. */
  changes(
    principal: Principal,
    applicationIds: readonly string[],
  ): Promise<CreditApplicationChangeRecord[]> {
    return this.db.withTenant(tenantOf(principal), (em) => changesOf(em, applicationIds));
  }

  async get(principal: Principal, applicationId: string): Promise<CreditApplicationRecord | null> {
    if (!isUuid(applicationId)) return null;
    const [app] = await this.db.withTenant(tenantOf(principal), (em) =>
      findApplications(em, [applicationId]),
    );
    return app ?? null;
  }

  ofCustomers(
    principal: Principal,
    customerIds: readonly string[],
  ): Promise<CreditApplicationRecord[]> {
    return this.db.withTenant(tenantOf(principal), (em) => applicationsOf(em, customerIds));
  }

  /**
   * Decrypts the requested fields and records who saw what, in one transaction: the audit row is
   * inserted first and the clear values are only returned once the transaction has committed.
   * Permission (customers.pii.read) is enforced by the schema directive and checked again here.
   */
  async reveal(
    principal: Principal,
    applicationId: string,
    fields: readonly PiiField[] | null | undefined,
    requestId: string | null,
  ): Promise<PiiReveal> {
    if (!principal.permissions.includes('customers.pii.read'))
      throw forbidden('This requires permission customers.pii.read.', {
        requiredPermissions: ['customers.pii.read'],
      });
    parse.id('applicationId', applicationId);
    const wanted = new Set<PiiField>(fields && fields.length > 0 ? fields : ALL_PII_FIELDS);
    if ([...wanted].some((f) => !ALL_PII_FIELDS.includes(f)))
      throw badInput('fields', 'Only credit-application fields (APPLICANT_…, CO_APPLICANT_…).');
    const { dealershipId } = principal;
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const found = await sealedPiiOf(em, applicationId);
      if (!found) throw notFound('No such credit application.');
      const open = (role: ApplicantRole): RevealedPii | null => {
        const a = found.applicants.find((x) => x.role === role);
        if (!a) return null;
        const prefix = fieldPrefix(role);
        return {
          ssn: wanted.has(`${prefix}_SSN` as PiiField)
            ? formatSsn(
                this.cipher.decrypt(a.ssnEncrypted, piiContext(dealershipId, a.applicantId, 'ssn')),
              )
            : null,
          dateOfBirth: wanted.has(`${prefix}_DATE_OF_BIRTH` as PiiField)
            ? this.cipher.decrypt(
                a.dateOfBirthEncrypted,
                piiContext(dealershipId, a.applicantId, 'dob'),
              )
            : null,
        };
      };
      const hasCo = found.applicants.some((a) => a.role === 'CO_APPLICANT');
      const revealed = [...wanted].filter((f) => hasCo || !f.startsWith('CO_'));
      if (revealed.length === 0) throw badInput('fields', 'This application has no co-applicant.');
      const audit = await insertReveal(em, dealershipId, {
        customerId: found.customerId,
        applicationId,
        revealedBy: principal.userId,
        revealedByUsername: principal.username,
        fields: revealed.sort(),
        requestId,
      });
      return {
        applicationId,
        customerId: found.customerId,
        applicant: open('APPLICANT')!,
        coApplicant: open('CO_APPLICANT'),
        audit,
      };
    });
  }

  reveals(
    principal: Principal,
    filter: { customerId?: string | null; applicationId?: string | null },
    first: number | null | undefined,
  ): Promise<PiiRevealRecord[]> {
    if (filter.customerId) parse.id('customerId', filter.customerId);
    if (filter.applicationId) parse.id('applicationId', filter.applicationId);
    const limit = pageSize(first, { default: 100 });
    return this.db.withTenant(tenantOf(principal), (em) => revealsOf(em, filter, limit));
  }

  /**
   * Key rotation: re-seals every value of one dealership that is not under the current key, in
   * batches (one transaction each). Returns how many applicants were re-sealed.
   */
  async rotateKeys(dealershipId: string, batchSize = 500): Promise<number> {
    let after: string | undefined;
    let count = 0;
    for (;;) {
      const batch = await this.db.withTenant({ dealershipId }, async (em) => {
        const rows = await allSealedPii(em, batchSize, after);
        for (const r of rows) {
          if (!this.cipher.isStale(r.ssnEncrypted) && !this.cipher.isStale(r.dateOfBirthEncrypted))
            continue;
          const ssnCtx = piiContext(dealershipId, r.applicantId, 'ssn');
          const dobCtx = piiContext(dealershipId, r.applicantId, 'dob');
          await resealApplicant(
            em,
            r.applicantId,
            this.cipher.encrypt(this.cipher.decrypt(r.ssnEncrypted, ssnCtx), ssnCtx),
            this.cipher.encrypt(this.cipher.decrypt(r.dateOfBirthEncrypted, dobCtx), dobCtx),
          );
          count++;
        }
        return rows;
      });
      if (batch.length < batchSize) return count;
      after = batch.at(-1)!.applicantId;
    }
  }
}
