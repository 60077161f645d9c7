/**
 * Decides which environment variables of a compose service belong in a Secret. Only the
 * answer leaves this file: callers must never echo the value they pass in.
 */

const SECRET_NAME =
  /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE|SALT|(^|_)PASS(_|$)|(^|_)DSN$|(^|_)AUTH$/i;

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function looksLikeSecretValue(value: string): boolean {
  const v = value.trim();
  if (/-----BEGIN [A-Z ]*-----/.test(v)) return true;
  // a URL with a password in it, e.g. postgres://user:pass@db/app
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i.test(v)) return true;
  if (/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/.test(v)) return true;
  if (
    /^(sk|pk|rk|ghp|gho|ghs|github_pat|glpat|xox[abp])[-_][A-Za-z0-9_-]{10,}/.test(
      v,
    )
  )
    return true;
  return looksRandom(v);
}

/** Long, unbroken, mixed letters and digits with high character entropy: a generated key. */
function looksRandom(v: string): boolean {
  if (v.length < 24 || !/^[A-Za-z0-9+/=_.-]+$/.test(v)) return false;
  if (!/[A-Za-z]/.test(v) || !/\d/.test(v)) return false;
  if (v.includes('/') && !/[+=]/.test(v)) return false; // a path, not base64
  const counts = new Map<string, number>();
  for (const c of v) counts.set(c, (counts.get(c) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / v.length;
    entropy -= p * Math.log2(p);
  }
  return entropy >= 3.5;
}
