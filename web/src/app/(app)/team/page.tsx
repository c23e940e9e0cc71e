'use client';
import { TeamBoard } from '../../../components/team-board.tsx';
import { Empty } from '../../../components/ui.tsx';
import { hasPermission, useSession } from '../../../lib/session.ts';

export default function TeamPage() {
  const state = useSession();
  return (
    <>
      <h1>Team status</h1>
      {hasPermission(state, 'ml.read') ? (
        <TeamBoard />
      ) : (
        <Empty>Team status needs the ml.read permission.</Empty>
      )}
    </>
  );
}
