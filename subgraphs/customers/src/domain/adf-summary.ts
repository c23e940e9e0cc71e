// The timeline text of an imported lead.
import { Decimal } from 'decimal.js';
import type { AdfLead, LeadVehicle } from './adf.ts';

function describeVehicle(v: LeadVehicle): string {
  const what = [v.status, v.year, v.make, v.model, v.trim].filter(Boolean).join(' ') || 'a vehicle';
  const details = [
    v.vin && `VIN ${v.vin}`,
    v.stock && `stock ${v.stock}`,
    v.price && `price $${new Decimal(v.price).toFixed(2)}`,
    v.odometer != null && `${v.odometer.toLocaleString('en-US')} miles`,
  ].filter(Boolean);
  const interest =
    v.interest === 'trade-in' ? 'trading in' : v.interest ? `${v.interest}` : 'interested in';
  return `${interest}: ${what}${details.length ? ` (${details.join(', ')})` : ''}${v.comments ? ` — ${v.comments}` : ''}`;
}

/** The timeline entry for a lead: where it came from, what they want, what they said. */
export function leadSummary(lead: AdfLead): string {
  const from = [
    lead.providerName,
    lead.providerService && lead.providerService !== lead.providerName
      ? `(${lead.providerService})`
      : null,
  ]
    .filter(Boolean)
    .join(' ');
  const parts = [
    `ADF lead${from ? ` from ${from}` : ''}${lead.prospectId ? ` #${lead.prospectId}` : ''}${lead.vendorName ? ` for ${lead.vendorName}` : ''}.`,
    ...lead.vehicles.map((v) => `${describeVehicle(v)}.`),
    lead.customerComments && `Customer comments: ${lead.customerComments}`,
    lead.timeframe && `Timeframe: ${lead.timeframe}.`,
  ].filter(Boolean);
  const text = parts.join(' ');
  return text.length > 10_000 ? `${text.slice(0, 9_997)}...` : text;
}
