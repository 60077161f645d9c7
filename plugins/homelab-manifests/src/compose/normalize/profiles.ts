/**
 * Which services are active: those without `profiles`, those with an active profile, and
 * those named explicitly (as `docker compose up <service>` enables a profiled service).
 * Returns the inactive ones with their profiles, so the caller can say how to enable them.
 */
export function splitByProfiles(
  services: Record<string, Record<string, unknown>>,
  profiles: string[] | '*' = [],
  include: string[] = [],
): { active: string[]; inactive: Record<string, string[]> } {
  const active: string[] = [];
  const inactive: Record<string, string[]> = {};
  for (const [name, service] of Object.entries(services)) {
    const own = Array.isArray(service.profiles)
      ? service.profiles.map(String)
      : [];
    if (
      own.length === 0 ||
      profiles === '*' ||
      include.includes(name) ||
      own.some(p => profiles.includes(p))
    )
      active.push(name);
    else inactive[name] = own;
  }
  return { active, inactive };
}
