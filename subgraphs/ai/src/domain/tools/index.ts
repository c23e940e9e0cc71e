// The assistant's tool set. Every tool reads through the router as the caller; the one that
// prepares something (an email) only drafts it — sending stays a human action.
import { agedInventory, compareVehiclesForBudget, searchInventory } from './inventory-tools.ts';
import { draftFollowUpEmail, findCustomers } from './customer-tools.ts';
import { dealGross, getDeal, paymentOptions, taxQuote } from './deal-tools.ts';
import { searchDocuments } from './knowledge-tools.ts';
import type { AssistantTool } from './types.ts';

export const TOOLS: readonly AssistantTool[] = [
  searchInventory,
  compareVehiclesForBudget,
  agedInventory,
  findCustomers,
  getDeal,
  dealGross,
  paymentOptions,
  taxQuote,
  draftFollowUpEmail,
  searchDocuments,
];

export type { AssistantTool, ToolContext, ToolOutput } from './types.ts';
