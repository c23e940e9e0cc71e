'use client';
import { Button } from './ui.tsx';

export function Pager(props: {
  page: number;
  hasNext: boolean;
  busy: boolean;
  onBack: () => void;
  onNext: () => void;
}) {
  if (props.page === 1 && !props.hasNext) return null;
  return (
    <div className="row" style={{ justifyContent: 'flex-end', marginTop: 12 }}>
      <span className="muted">Page {props.page}</span>
      <Button onClick={props.onBack} disabled={props.page === 1 || props.busy}>
        Back
      </Button>
      <Button onClick={props.onNext} disabled={!props.hasNext || props.busy}>
        Next
      </Button>
    </div>
  );
}
