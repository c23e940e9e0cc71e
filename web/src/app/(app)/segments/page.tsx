'use client';
import { OutlierDeals, SegmentList } from '../../../components/ml-segments.tsx';
import { Empty } from '../../../components/ui.tsx';
import { hasPermission, useSession } from '../../../lib/session.ts';

export default function SegmentsPage() {
  const state = useSession();
  if (!hasPermission(state, 'ml.read'))
    return <Empty>Customer segments need the ml.read permission.</Empty>;
  return (
    <>
      <h1>Customer segments</h1>
      <SegmentList />
      {/* The outlier list is a manager's review: the API asks deals.approve as well. */}
      {hasPermission(state, 'deals.approve') ? <OutlierDeals /> : null}
    </>
  );
}
