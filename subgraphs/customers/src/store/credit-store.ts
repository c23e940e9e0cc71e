// customers.credit_applications / credit_applicants / pii_reveals (tenant transactions only).
// Encryption happens in the service; this file stores and reads envelopes and masked parts.
import { recordAudit, textArray, uuidArray, type EntityManager } from '@autolytiq/kit';
import type {
  ApplicantRecord,
  ApplicantRole,
  CreditApplicationRecord,
  Employment,
  Residence,
} from '../domain/credit-application.ts';

/** An applicant ready to store: PII already sealed. */
export interface SealedApplicant extends Omit<ApplicantRecord, 'ssnLast4' | 'birthYear'> {
  ssnEncrypted: string;
  ssnLast4: string;
  dateOfBirthEncrypted: string;
  birthYear: number;
}

interface ApplicantRow {
  id: string;
  application_id: string;
  role: ApplicantRole;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  suffix: string | null;
  ssn_last4: string;
  birth_year: number;
  email: string | null;
  phone: string | null;
  residences: Residence[];
  employments: Employment[];
  gross_monthly_income: string;
  other_monthly_income: string | null;
  other_income_source: string | null;
  monthly_housing_payment: string;
}

interface ApplicationRow {
  id: string;
  customer_id: string;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const APPLICATION_COLUMNS = `id, customer_id, created_by, created_at,
  coalesce(updated_at, created_at) as updated_at, version`;

const APPLICANT_COLUMNS = `id, application_id, role, first_name, middle_name, last_name, suffix, ssn_last4,
  birth_year, email, phone, residences, employments, gross_monthly_income::text as gross_monthly_income,
  other_monthly_income::text as other_monthly_income, other_income_source,
  monthly_housing_payment::text as monthly_housing_payment`;

function applicant(r: ApplicantRow): ApplicantRecord {
  return {
    id: r.id,
    role: r.role,
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    suffix: r.suffix,
    ssnLast4: r.ssn_last4,
    birthYear: r.birth_year,
    email: r.email,
    phone: r.phone,
    residences: r.residences,
    employments: r.employments,
    grossMonthlyIncome: r.gross_monthly_income,
    otherMonthlyIncome: r.other_monthly_income,
    otherIncomeSource: r.other_income_source,
    monthlyHousingPayment: r.monthly_housing_payment,
  };
}

export async function insertApplication(
  em: EntityManager,
  dealershipId: string,
  applicationId: string,
  customerId: string,
  createdBy: string,
  applicants: readonly SealedApplicant[],
): Promise<void> {
  await em.execute(
    `insert into customers.credit_applications (id, dealership_id, customer_id, created_by)
     values (?::uuid, ?::uuid, ?::uuid, ?::uuid)`,
    [applicationId, dealershipId, customerId, createdBy],
  );
  for (const a of applicants) await insertApplicant(em, dealershipId, applicationId, a);
}

/** An applicant's own columns, first_name … monthly_housing_payment, in the order insert and update list them. */
function personColumns(a: SealedApplicant): unknown[] {
  return [
    a.firstName,
    a.middleName,
    a.lastName,
    a.suffix,
    a.ssnEncrypted,
    a.ssnLast4,
    a.dateOfBirthEncrypted,
    a.birthYear,
    a.email,
    a.phone,
    JSON.stringify(a.residences),
    JSON.stringify(a.employments),
    a.grossMonthlyIncome,
    a.otherMonthlyIncome,
    a.otherIncomeSource,
    a.monthlyHousingPayment,
  ];
}

export async function insertApplicant(
  em: EntityManager,
  dealershipId: string,
  applicationId: string,
  a: SealedApplicant,
): Promise<void> {
  await em.execute(
    `insert into customers.credit_applicants (id, dealership_id, application_id, role, first_name,
         middle_name, last_name, suffix, ssn_encrypted, ssn_last4, date_of_birth_encrypted, birth_year,
         email, phone, residences, employments, gross_monthly_income, other_monthly_income,
         other_income_source, monthly_housing_payment)
       values (?::uuid, ?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::numeric,
         ?::numeric, ?, ?::numeric)`,
    [a.id, dealershipId, applicationId, a.role, ...personColumns(a)],
  );
}

async function assemble(
  em: EntityManager,
  apps: ApplicationRow[],
): Promise<CreditApplicationRecord[]> {
  if (apps.length === 0) return [];
  const rows = await em.execute<ApplicantRow[]>(
    `select ${APPLICANT_COLUMNS} from customers.credit_applicants where application_id = any(?::uuid[])`,
    [uuidArray(apps.map((a) => a.id))],
  );
  return apps.flatMap((app) => {
    const own = rows.filter((r) => r.application_id === app.id);
    const main = own.find((r) => r.role === 'APPLICANT');
    if (!main) return [];
    const co = own.find((r) => r.role === 'CO_APPLICANT');
    return [
      {
        id: app.id,
        customerId: app.customer_id,
        applicant: applicant(main),
        coApplicant: co ? applicant(co) : null,
        createdBy: app.created_by,
        createdAt: app.created_at,
        updatedAt: app.updated_at,
        version: app.version,
      },
    ];
  });
}

export async function findApplications(
  em: EntityManager,
  ids: readonly string[],
): Promise<CreditApplicationRecord[]> {
  const apps = await em.execute<ApplicationRow[]>(
    `select ${APPLICATION_COLUMNS} from customers.credit_applications
      where id = any(?::uuid[])`,
    [uuidArray(ids)],
  );
  return assemble(em, apps);
}

/** Applications of several customers, newest first (two queries for any number of customers). */
export async function applicationsOf(
  em: EntityManager,
  customerIds: readonly string[],
): Promise<CreditApplicationRecord[]> {
  const apps = await em.execute<ApplicationRow[]>(
    `select ${APPLICATION_COLUMNS} from customers.credit_applications
      where customer_id = any(?::uuid[]) order by created_at desc, id`,
    [uuidArray(customerIds)],
  );
  return assemble(em, apps);
}

export interface SealedPii {
  applicantId: string;
  role: ApplicantRole;
  ssnEncrypted: string;
  dateOfBirthEncrypted: string;
}

/** The sealed PII of one application, locked for the reveal's transaction. */
export async function sealedPiiOf(
  em: EntityManager,
  applicationId: string,
): Promise<{ customerId: string; applicants: SealedPii[] } | undefined> {
  const rows = await em.execute<(SealedPii & { customerId: string })[]>(
    `select a.id as "applicantId", a.role, a.ssn_encrypted as "ssnEncrypted",
            a.date_of_birth_encrypted as "dateOfBirthEncrypted", c.customer_id as "customerId"
       from customers.credit_applications c
       join customers.credit_applicants a on a.application_id = c.id
      where c.id = ?::uuid`,
    [applicationId],
  );
  if (rows.length === 0) return undefined;
  return { customerId: rows[0]!.customerId, applicants: rows };
}

export interface PiiRevealRecord {
  id: string;
  customerId: string;
  /** Null for a reveal of the customer record's own date of birth. */
  applicationId: string | null;
  revealedBy: string;
  revealedByUsername: string | null;
  fields: string[];
  requestId: string | null;
  revealedAt: Date;
}

const REVEAL = `id, customer_id as "customerId", application_id as "applicationId",
  revealed_by as "revealedBy", revealed_by_username as "revealedByUsername", fields,
  request_id as "requestId", revealed_at as "revealedAt"`;

export async function insertReveal(
  em: EntityManager,
  dealershipId: string,
  r: Omit<PiiRevealRecord, 'id' | 'revealedAt'>,
): Promise<PiiRevealRecord> {
  const rows = await em.execute<PiiRevealRecord[]>(
    `insert into customers.pii_reveals (dealership_id, customer_id, application_id, revealed_by,
       revealed_by_username, fields, request_id)
     values (?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, ?::text[], ?) returning ${REVEAL}`,
    [
      dealershipId,
      r.customerId,
      r.applicationId,
      r.revealedBy,
      r.revealedByUsername,
      textArray(r.fields),
      r.requestId,
    ],
  );
  // The platform audit trail shows the reveal too (which fields, never their values).
  await recordAudit(em, {
    source: 'customers',
    entityType: r.applicationId ? 'CreditApplication' : 'Customer',
    entityId: r.applicationId ?? r.customerId,
    action: 'reveal',
    changes: r.fields.map((field) => ({ field, from: null, to: null, sealed: true })),
  });
  return rows[0]!;
}

export async function revealsOf(
  em: EntityManager,
  filter: { customerId?: string | null; applicationId?: string | null },
  limit: number,
): Promise<PiiRevealRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.customerId) {
    where.push('customer_id = ?::uuid');
    params.push(filter.customerId);
  }
  if (filter.applicationId) {
    where.push('application_id = ?::uuid');
    params.push(filter.applicationId);
  }
  return em.execute<PiiRevealRecord[]>(
    `select ${REVEAL} from customers.pii_reveals ${where.length ? `where ${where.join(' and ')}` : ''}
      order by revealed_at desc, id limit ?`,
    [...params, limit],
  );
}

/** Re-seals under the current key; used by the rotation job. */
export async function allSealedPii(em: EntityManager, limit: number, afterId?: string) {
  return em.execute<SealedPii[]>(
    `select id as "applicantId", role, ssn_encrypted as "ssnEncrypted",
            date_of_birth_encrypted as "dateOfBirthEncrypted"
       from customers.credit_applicants ${afterId ? 'where id > ?::uuid' : ''}
      order by id limit ?`,
    afterId ? [afterId, limit] : [limit],
  );
}

export async function resealApplicant(
  em: EntityManager,
  applicantId: string,
  ssnEncrypted: string,
  dateOfBirthEncrypted: string,
): Promise<void> {
  await em.execute(
    `update customers.credit_applicants set ssn_encrypted = ?, date_of_birth_encrypted = ?
      where id = ?::uuid`,
    [ssnEncrypted, dateOfBirthEncrypted, applicantId],
  );
}

/** Merge: applications and imported leads of `fromId` now belong to `toId`. */
export async function moveCreditAndLeads(
  em: EntityManager,
  fromId: string,
  toId: string,
): Promise<void> {
  await em.execute(
    'update customers.credit_applications set customer_id = ?::uuid where customer_id = ?::uuid',
    [toId, fromId],
  );
  await em.execute(
    'update customers.adf_leads set customer_id = ?::uuid where customer_id = ?::uuid',
    [toId, fromId],
  );
}

/**
 * Moves the application to `expectedVersion + 1` (and locks it for the rest of the transaction);
 * false when it is at another version or not visible.
 */
export async function bumpApplicationVersion(
  em: EntityManager,
  applicationId: string,
  expectedVersion: number,
): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(
    `update customers.credit_applications set version = version + 1, updated_at = now()
      where id = ?::uuid and version = ? returning id`,
    [applicationId, expectedVersion],
  );
  return rows.length === 1;
}

/** Rewrites an applicant row (PII already sealed to it). */
export async function updateApplicant(em: EntityManager, a: SealedApplicant): Promise<void> {
  await em.execute(
    `update customers.credit_applicants set first_name = ?, middle_name = ?, last_name = ?,
       suffix = ?, ssn_encrypted = ?, ssn_last4 = ?, date_of_birth_encrypted = ?, birth_year = ?,
       email = ?, phone = ?, residences = ?::jsonb, employments = ?::jsonb,
       gross_monthly_income = ?::numeric, other_monthly_income = ?::numeric,
       other_income_source = ?, monthly_housing_payment = ?::numeric
     where id = ?::uuid`,
    [...personColumns(a), a.id],
  );
}

export async function deleteCoApplicant(em: EntityManager, applicationId: string): Promise<void> {
  await em.execute(
    `delete from customers.credit_applicants where application_id = ?::uuid and role = 'CO_APPLICANT'`,
    [applicationId],
  );
}

export interface CreditApplicationChangeRecord {
  id: string;
  applicationId: string;
  customerId: string;
  changedBy: string;
  changedByUsername: string | null;
  /** Input paths that changed (applicant.ssn, coApplicant, ...), never values. */
  fields: string[];
  /** The version the change produced. */
  version: number;
  requestId: string | null;
  changedAt: Date;
}

const CHANGE = `id, application_id as "applicationId", customer_id as "customerId",
  changed_by as "changedBy", changed_by_username as "changedByUsername", fields, version,
  request_id as "requestId", changed_at as "changedAt"`;

export async function insertChange(
  em: EntityManager,
  dealershipId: string,
  c: Omit<CreditApplicationChangeRecord, 'id' | 'changedAt'>,
): Promise<CreditApplicationChangeRecord> {
  const rows = await em.execute<CreditApplicationChangeRecord[]>(
    `insert into customers.credit_application_changes (dealership_id, application_id, customer_id,
       changed_by, changed_by_username, fields, version, request_id)
     values (?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, ?::text[], ?, ?) returning ${CHANGE}`,
    [
      dealershipId,
      c.applicationId,
      c.customerId,
      c.changedBy,
      c.changedByUsername,
      textArray(c.fields),
      c.version,
      c.requestId,
    ],
  );
  // Credit data is sealed: the audit trail names the corrected fields only.
  await recordAudit(em, {
    source: 'customers',
    entityType: 'CreditApplication',
    entityId: c.applicationId,
    action: 'update',
    changes: c.fields.map((field) => ({ field, from: null, to: null, sealed: true })),
  });
  return rows[0]!;
}

/** The change history of several applications, newest first. */
export async function changesOf(
  em: EntityManager,
  applicationIds: readonly string[],
): Promise<CreditApplicationChangeRecord[]> {
  return em.execute<CreditApplicationChangeRecord[]>(
    `select ${CHANGE} from customers.credit_application_changes
      where application_id = any(?::uuid[]) order by changed_at desc, version desc`,
    [uuidArray(applicationIds)],
  );
}
