const adminUrl = process.env.E2E_SIM_ADMIN_URL ?? 'http://127.0.0.1:17435';

/** Switches the stand-in cluster and Ollama to a named scenario (packages/homelab-sim/scenarios). */
export async function setScenario(name: string): Promise<void> {
  const res = await fetch(`${adminUrl}/scenario`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (!res.ok) throw new Error(`stand-in refused scenario ${name}: ${res.status} ${await res.text()}`);
}
