// One car, one deal: the open deals holding a vehicle, in the words lists and pickers show
// ("in deal #1002 (Morgan Lee)"). The deal being edited does not count as holding its own vehicle.
import type { HeldByDealFragment } from '../generated/graphql.ts';

export function heldByOthers(
  deals: readonly HeldByDealFragment[] | null | undefined,
  exceptDealId?: string,
): HeldByDealFragment[] {
  return (deals ?? []).filter((d) => d.id !== exceptDealId);
}

/** "deal #1002 (Morgan Lee)" */
export function dealWords(d: HeldByDealFragment): string {
  return `deal #${d.dealNumber}${d.salesperson ? ` (${d.salesperson.displayName})` : ''}`;
}

/** "in deal #1002 (Morgan Lee), deal #1007", or null when no other open deal holds it. */
export function heldByText(
  deals: readonly HeldByDealFragment[] | null | undefined,
  exceptDealId?: string,
): string | null {
  const others = heldByOthers(deals, exceptDealId);
  return others.length > 0 ? `in ${others.map(dealWords).join(', ')}` : null;
}
