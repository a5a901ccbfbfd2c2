import { readFileSync } from 'node:fs';

/**
 * The most memory a process has held so far (VmHWM, the peak resident set, from /proc), in bytes:
 * what a burst cost it even after the garbage collector has given the memory back.
 */
export function peakRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}
