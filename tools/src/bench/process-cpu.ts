// CPU time used by each part of the running system (router, each subgraph, PostgreSQL, this
// benchmark), read from /proc: what a throughput figure costs, part by part. Linux only; elsewhere
// every reading is empty and the benchmarks print no breakdown.
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime/stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function partOf(pid: string, cmdline: string): string | null {
  // Sources under tsx (…/src/main.ts) or a compiled build (dist/<hash>/…/src/main.js).
  const subgraph = /subgraphs\/([a-z]+)\/src\/main\.[jt]s/.exec(cmdline);
  if (subgraph) return subgraph[1]!;
  if (/router\/src\/main\.[jt]s/.test(cmdline)) return 'router';
  if (/(^|\/)postgres(\0| |:)/.test(cmdline)) return 'postgres';
  if (pid === String(process.pid)) return 'benchmark client';
  return null;
}

/**
 * CPU seconds (user + system) per part, summed over its processes (tsx launches two each). Only
 * this process and its descendants count: another test system on the machine runs the same files.
 */
export function cpuByPart(): Map<string, number> {
  const parts = new Map<string, number>();
  const stats = new Map<number, { ppid: number; seconds: number; cmdline: string }>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return parts;
  }
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces and parentheses): state is field 3,
      // ppid field 4, utime and stime fields 14 and 15.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(pid), {
        ppid: Number(fields[1]),
        seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
        cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8'),
      });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (p === process.pid) return true;
      p = stats.get(p)?.ppid ?? 0;
    }
    return false;
  };
  for (const [pid, { seconds, cmdline }] of stats) {
    const part = ours(pid) ? partOf(String(pid), cmdline) : null;
    if (part) parts.set(part, (parts.get(part) ?? 0) + seconds);
  }
  return parts;
}

/** Milliseconds of CPU per request for each part between two readings, largest first. */
export function cpuPerRequest(
  before: Map<string, number>,
  after: Map<string, number>,
  requests: number,
): [string, number][] {
  return [...after]
    .map(([part, seconds]) => [part, ((seconds - (before.get(part) ?? 0)) * 1000) / requests])
    .filter((entry): entry is [string, number] => (entry[1] as number) >= 0.005)
    .sort((a, b) => b[1] - a[1]);
}

/**
 * The processes of each part that belong to this benchmark (router, each subgraph, postgres), by pid:
 * for readings other than CPU (memory, open files) in the soak.
 */
export function pidsByPart(): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const parents = new Map<number, number>();
  const commands = new Map<number, string>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(Number(pid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      commands.set(Number(pid), readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      // ended meanwhile
    }
  }
  for (const [pid, cmdline] of commands) {
    let ours = false;
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++, p = parents.get(p) ?? 0) {
      if (p === process.pid) ours = true;
    }
    const part = ours ? partOf(String(pid), cmdline) : null;
    if (part && part !== 'benchmark client') out.set(part, [...(out.get(part) ?? []), pid]);
  }
  return out;
}
