/**
 * The email domains that may sign in, from one comma-separated string (as
 * AUTH_OIDC_ALLOWED_DOMAINS arrives through `${...}` substitution) or a YAML list.
 * Trimmed and lower-cased; empty entries dropped.
 */
export function parseAllowedDomains(
  value: string | string[] | undefined,
  key: string,
): string[] {
  const entries = (Array.isArray(value) ? value : (value ?? '').split(','))
    .map(d => d.trim().toLocaleLowerCase('en-US'))
    .filter(Boolean);
  if (entries.length === 0) {
    throw new Error(
      `${key}: no email domain may sign in; set it to the comma-separated domains of your people, e.g. AUTH_OIDC_ALLOWED_DOMAINS=example.org`,
    );
  }
  const bad = entries.find(d => d.includes('@') || /\s/.test(d));
  if (bad) {
    throw new Error(
      `${key}: "${bad}" is not a domain; list domains only, e.g. example.org,family.example.org`,
    );
  }
  return entries;
}

/** The part after the last @, lower-cased: what an allowed domain is compared with. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLocaleLowerCase('en-US');
}
