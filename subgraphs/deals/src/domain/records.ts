// The deal as the domain sees it (no GraphQL types): what the store loads and resolvers return.
import type { Decimal } from 'decimal.js';
import type { DealLocalRate } from '@autolytiq/calc';
import type { Connection } from '@autolytiq/kit/core';

export const DEAL_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'APPROVED',
  'IN_FINANCE',
  'CONTRACTED',
  'DELIVERED',
  'REJECTED',
  'CANCELLED',
  'UNWOUND',
] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export type ScenarioKind = 'CASH' | 'FINANCE' | 'LEASE';
export type VehicleCondition = 'NEW' | 'USED';
export type ProductKind =
  | 'SERVICE_CONTRACT'
  | 'GAP'
  | 'MAINTENANCE'
  | 'TIRE_AND_WHEEL'
  | 'APPEARANCE'
  | 'THEFT'
  | 'KEY_REPLACEMENT'
  | 'OTHER';

export interface RebateRecord {
  code: string;
  description: string | null;
  amount: Decimal;
}

export interface TradeInRecord {
  id: string;
  vin: string | null;
  year: number | null;
  make: string | null;
  model: string | null;
  mileage: number | null;
  allowance: Decimal;
  actualCashValue: Decimal | null;
  payoff: Decimal;
  lienholder: string | null;
}

export interface ProductRecord {
  id: string;
  kind: ProductKind;
  name: string;
  price: Decimal;
  cost: Decimal | null;
  termMonths: number | null;
  termMiles: number | null;
  /** Filled in by the resolver from the deal's state (the engine's rule for SERVICE_CONTRACT/GAP). */
  taxedByState?: boolean;
}

export interface FinanceTermsRecord {
  lender: string | null;
  apr: Decimal;
  buyRate: Decimal | null;
  rateMarkup: Decimal | null;
  termMonths: number;
  downPayment: Decimal;
  firstPaymentDate: string | null;
}

export interface LeaseTermsRecord {
  lender: string | null;
  moneyFactor: Decimal;
  residualPercent: Decimal | null;
  residualValue: Decimal | null;
  termMonths: number;
  milesPerYear: number | null;
  cashDown: Decimal;
  acquisitionFee: Decimal;
}

/** JSON as stored: the calc input and the calc result, every Decimal as its string. */
export type StoredJson = Record<string, unknown>;

export interface ScenarioRecord {
  id: string;
  dealId: string;
  kind: ScenarioKind;
  name: string | null;
  selected: boolean;
  finance: FinanceTermsRecord | null;
  lease: LeaseTermsRecord | null;
  /** Exactly what was passed to the calc engine. */
  calcInput: StoredJson;
  /** Exactly what the calc engine returned (JSON of it). */
  result: StoredJson;
  /** Dealer reserve on the rate markup (0 when none). */
  reserve: Decimal;
  calculatedAt: Date;
  position: number;
}

/** The editable part of a deal: what a patch changes and what the calc input is built from. */
export interface DealTerms {
  buyerId: string;
  coBuyerId: string | null;
  vehicleId: string;
  salespersonId: string | null;
  salesManagerId: string | null;
  dealDate: string;
  buyerState: string;
  buyerZip: string | null;
  /** The dealership's ZIP when the deal was opened (the local-tax place in WA, IL, AZ). */
  dealerZip?: string | null;
  vehicleCondition: VehicleCondition;
  msrp: Decimal | null;
  sellingPrice: Decimal;
  accessories: Decimal;
  dealerDiscount: Decimal;
  rebates: RebateRecord[];
  docFee: Decimal;
  titleFee: Decimal | null;
  registrationFee: Decimal | null;
  tradeIns: TradeInRecord[];
  products: ProductRecord[];
  reconditioning: Decimal;
  vehicleCost: Decimal | null;
  /** The dealership's own local tax rate for buyerState/buyerZip when it has one (from calc). */
  localRate: DealLocalRate | null;
}

/** What F&I records when the deal is contracted. */
export interface ContractRecord {
  lender: string | null;
  contractNumber: string | null;
  /** YYYY-MM-DD */
  contractDate: string;
  contractedById: string | null;
}

/** A manager's acknowledgement that the deal's tax has no local rate for its place. */
export interface LocalRateAcknowledgementRecord {
  byId: string;
  at: string;
  /** The notices acknowledged, as the engine gave them. */
  notices: string[];
}

/** The number a dealership's first deal gets unless its settings say otherwise. */
export const DEFAULT_FIRST_DEAL_NUMBER = 1001;

export interface DealRecord extends DealTerms {
  id: string;
  dealershipId: string;
  /** Sequential per dealership, given at creation (deals.deal_counters). */
  dealNumber: number;
  status: DealStatus;
  scenarios: ScenarioRecord[];
  rejectionReason: string | null;
  cancellationReason: string | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  approvedById: string | null;
  deliveredAt: Date | null;
  contract: ContractRecord | null;
  localRateAcknowledgement: LocalRateAcknowledgementRecord | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export type DealEventKind =
  | 'CREATED'
  | 'EDITED'
  | 'SCENARIO_ADDED'
  | 'SCENARIO_UPDATED'
  | 'SCENARIO_REMOVED'
  | 'SCENARIO_SELECTED'
  | 'TRANSITION'
  | 'VEHICLE_STATUS_REFUSED';

export interface DealChangeRecord {
  field: string;
  from: string | null;
  to: string | null;
}

export interface DealEventRecord {
  id: string;
  dealId: string;
  kind: DealEventKind;
  actorId: string | null;
  at: Date;
  fromStatus: DealStatus | null;
  toStatus: DealStatus | null;
  changes: DealChangeRecord[];
  note: string | null;
}

export interface DealSettingsRecord {
  defaultDocFee: Decimal;
  lowGrossThreshold: Decimal;
  reserveShare: Decimal;
  /** The longest finance term the dealership writes (1–240, default 96). */
  maxTermMonths: number;
  /** The highest doc fee where the buyer's state has no cap (default 1500.00). */
  maxDocFee: Decimal;
  /** deals.deal_counters.first_number (DEFAULT_FIRST_DEAL_NUMBER until set). */
  firstDealNumber: number;
  /** The latest deal's number; null before the first deal. */
  lastDealNumber: number | null;
  updatedAt: Date | null;
  version: number;
}

export type DealPage = Connection<DealRecord>;
