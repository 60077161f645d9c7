/**
 * `environment:`, `labels:` and friends: the list form "KEY=VALUE" / "KEY" becomes a
 * mapping; values become strings as compose prints them; a key without value stays null
 * (compose resolves it from the environment, see resolvePassThrough).
 */
export function listOrDict(
  value: unknown,
  nullable = true,
): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = String(item);
      const eq = text.indexOf('=');
      if (eq < 0) result[text] = nullable ? null : '';
      else result[text.slice(0, eq)] = text.slice(eq + 1);
    }
    return result;
  }
  for (const [key, raw] of Object.entries(
    (value ?? {}) as Record<string, unknown>,
  )) {
    const missing = nullable ? null : '';
    result[key] = raw === null || raw === undefined ? missing : String(raw);
  }
  return result;
}

/** `networks:` of a service: a list of names becomes a mapping of names to null. */
export function longNetworks(
  value: unknown,
): Record<string, Record<string, unknown> | null> {
  if (Array.isArray(value))
    return Object.fromEntries(value.map(n => [String(n), null]));
  return { ...(value as Record<string, Record<string, unknown> | null>) };
}

/** `dns`, `tmpfs`, `profiles` and other string-or-list keys: always a list of strings. */
export function stringList(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}
