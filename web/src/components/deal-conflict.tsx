'use client';
// Two people on one deal: when a save meets a newer version (CONFLICT), the editor keeps what was
// typed, reads the deal again, says who changed what since it was opened, and offers to save the same
// changes on the new version (or to drop them). Shown beside the Save button that was pressed.
import type { DealDeskFragment } from '../generated/graphql.ts';
import { Button } from './ui.tsx';

/** The version the editor was opened on. */
export interface OpenedAt {
  version: number;
  updatedAt: string;
}

/** "sellingPrice" → "selling price"; "tradeIns.0.payoff" → "trade ins 1 payoff". */
const words = (field: string) =>
  field
    .split('.')
    .map((p) => (/^\d+$/.test(p) ? String(Number(p) + 1) : p))
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();

/** What others did to the deal since `opened`, one line per change of the history, in words. */
export function changesSince(deal: DealDeskFragment, opened: OpenedAt): string[] {
  const since = Date.parse(opened.updatedAt);
  return deal.events
    .filter((e) => Date.parse(e.at) > since)
    .map((e) => {
      const who = e.actor?.displayName ?? 'Someone';
      const time = new Date(e.at).toLocaleTimeString('en-US', { timeStyle: 'short' });
      const what =
        e.changes.length > 0
          ? e.changes.map((c) => `${words(c.field)} ${c.from ?? '—'} → ${c.to ?? '—'}`).join(', ')
          : e.toStatus
            ? `moved it to ${e.toStatus.toLowerCase().replace(/_/g, ' ')}`
            : e.kind.toLowerCase().replace(/_/g, ' ');
      return `${who} (${time}): ${what}`;
    });
}

export function ConflictBox(props: {
  deal: DealDeskFragment;
  opened: OpenedAt;
  busy: boolean;
  onReload: () => void;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { deal, opened } = props;
  const arrived = deal.version !== opened.version;
  const lines = arrived ? changesSince(deal, opened) : [];
  return (
    <div className="banner-error" role="alert" data-testid="deal-conflict" tabIndex={-1}>
      <p>
        Someone else changed this deal while you were editing.{' '}
        {arrived
          ? 'Your changes are still here, not saved yet.'
          : 'Reading their changes (yours stay here)…'}
      </p>
      {lines.length > 0 ? (
        <ul data-testid="deal-conflict-changes">
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      ) : null}
      <div className="row">
        {arrived ? (
          <>
            <Button type="button" variant="primary" busy={props.busy} onClick={props.onReapply}>
              Save my changes on the new version
            </Button>
            <Button type="button" onClick={props.onDiscard}>
              Discard my changes
            </Button>
          </>
        ) : (
          <Button type="button" onClick={props.onReload}>
            Reload
          </Button>
        )}
      </div>
    </div>
  );
}
