// The deals list's filter form → the API's DealFilter, with the problems named per field (the page
// shows them and does not ask the server until they are fixed).
import type { DealFilter, DealSort, DealStatus } from '../generated/graphql.ts';

export const DEAL_STATUSES: DealStatus[] = [
  'DRAFT',
  'SUBMITTED',
  'APPROVED',
  'REJECTED',
  'IN_FINANCE',
  'CONTRACTED',
  'DELIVERED',
  'CANCELLED',
  'UNWOUND',
];

export const DEAL_SORTS: Array<[DealSort, string]> = [
  ['DEAL_DATE_DESC', 'Deal date, newest first'],
  ['DEAL_DATE_ASC', 'Deal date, oldest first'],
  ['UPDATED_DESC', 'Last changed'],
  ['CREATED_DESC', 'Created, newest first'],
];

export interface DealListForm {
  status: DealStatus | '';
  /** Only the signed-in user's deals (as salesperson). */
  mine: boolean;
  dealNumber: string;
  from: string;
  to: string;
}

export const EMPTY_DEAL_LIST_FORM: DealListForm = {
  status: '',
  mine: false,
  dealNumber: '',
  from: '',
  to: '',
};

export type DealListFilter =
  | { filter: DealFilter | undefined; errors?: undefined }
  | { filter?: undefined; errors: Partial<Record<'dealNumber' | 'from' | 'to', string>> };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function dealListFilter(form: DealListForm, userId: string | null): DealListFilter {
  const errors: Partial<Record<'dealNumber' | 'from' | 'to', string>> = {};
  const filter: DealFilter = {};
  if (form.status) filter.status = [form.status];
  if (form.mine && userId) filter.salespersonId = userId;
  const number = form.dealNumber.trim().replace(/^#/, '');
  if (number) {
    const n = Number(number);
    if (!/^\d+$/.test(number) || n < 1 || n > 999_999_999) {
      errors.dealNumber = 'A deal number is a whole number (e.g. 1001).';
    } else filter.dealNumber = n;
  }
  if (form.from) {
    if (!ISO_DATE.test(form.from)) errors.from = 'Enter a date.';
    else filter.dealDateFrom = form.from;
  }
  if (form.to) {
    if (!ISO_DATE.test(form.to)) errors.to = 'Enter a date.';
    else filter.dealDateTo = form.to;
  }
  if (filter.dealDateFrom && filter.dealDateTo && filter.dealDateFrom > filter.dealDateTo) {
    errors.to = 'The end date is before the start date.';
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { filter: Object.keys(filter).length > 0 ? filter : undefined };
}
