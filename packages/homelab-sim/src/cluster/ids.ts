import { createHash } from 'node:crypto';

function sha(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** A stable UUID for an object, so restarts serve the same uids. */
export function uidFor(seed: string): string {
  const h = sha(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

export function hexFor(seed: string, length = 64): string {
  return sha(seed).slice(0, length);
}

// The alphabet Kubernetes uses for generated name suffixes (no vowels, no 0/1/3).
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

export function safeSuffix(seed: string, length: number): string {
  const bytes = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE[bytes[i] % SAFE.length];
  return out;
}

/** Kubernetes timestamps: RFC 3339 in UTC, whole seconds. */
export function ts(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
