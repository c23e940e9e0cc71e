/** Only same-site paths may be a return target (no open redirect through ?next=). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in'))
    return '/';
  return next;
}

export function signInPath(current: string, expired: boolean): string {
  const q = new URLSearchParams({ next: current });
  if (expired) q.set('expired', '1');
  return `/sign-in?${q.toString()}`;
}
