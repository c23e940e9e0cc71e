// Credit applications: taken with customers.write, read masked by anyone with customers.read, and
// revealed in clear only through `reveal`, which the schema restricts to customers.pii.read and
// which writes its audit record in the same transaction as the read (no audit row, no clear text).
import { randomUUID } from 'node:crypto';
import {
  badInput,
  forbidden,
  isUuid,
  notFound,
  tenantOf,
  type Database,
  type Principal,
} from '@autolytiq/kit';
import { findCustomers } from '../store/customers-store.ts';
import {
  allSealedPii,
  applicationsOf,
  findApplications,
  insertApplication,
  insertReveal,
  resealApplicant,
  revealsOf,
  sealedPiiOf,
  type PiiRevealRecord,
  type SealedApplicant,
} from '../store/credit-store.ts';
import {
  formatSsn,
  validateCreditApplication,
  type ApplicantFields,
  type ApplicantRole,
  type CreditApplicationInput,
  type CreditApplicationRecord,
} from './credit-application.ts';
import type { PiiCipher } from './pii-crypto.ts';

export type PiiField =
  'APPLICANT_SSN' | 'APPLICANT_DATE_OF_BIRTH' | 'CO_APPLICANT_SSN' | 'CO_APPLICANT_DATE_OF_BIRTH';
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

function id(field: string, value: string): string {
  if (!isUuid(value)) throw badInput(field, 'Not an id.');
  return value;
}

export class CreditService {
  constructor(
    private readonly db: Database,
    private readonly cipher: PiiCipher,
  ) {}

  private seal(dealershipId: string, a: ApplicantFields): SealedApplicant {
    const applicantId = randomUUID();
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
    id('customerId', customerId);
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
      const [saved] = await findApplications(em, [applicationId]);
      return saved!;
    });
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
    id('applicationId', applicationId);
    const wanted = new Set<PiiField>(fields && fields.length > 0 ? fields : ALL_PII_FIELDS);
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
    first: number,
  ): Promise<PiiRevealRecord[]> {
    if (filter.customerId) id('customerId', filter.customerId);
    if (filter.applicationId) id('applicationId', filter.applicationId);
    const limit = Math.min(Math.max(first, 1), 500);
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
