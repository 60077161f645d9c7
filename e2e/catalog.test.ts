import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';
import { getJson } from './support/api.ts';

type Entity = { metadata: { name: string }; relations?: { type: string; targetRef: string }[] };

async function dependsOn(kind: string, name: string): Promise<string[]> {
  const entity = await getJson<Entity>(`/api/catalog/entities/by-name/${kind}/default/${name}`);
  return (entity.relations ?? []).filter(r => r.type === 'dependsOn').map(r => r.targetRef).sort();
}

/**
 * The relations of `kind:default/name` once they hold `expected`. Right after a start the
 * catalog may process a component before the namespace entity declared for it; the
 * catalog module's namespace task (every 5 s) then has the component processed again, so
 * its relation is right within seconds, not at the catalog's next pass.
 */
async function dependsOnOnce(kind: string, name: string, expected: string[], timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Not found yet is waited for too: the portal may have just started.
    const refs = await dependsOn(kind, name).catch((error: unknown): string[] => {
      if (Date.now() > deadline) throw error;
      return [];
    });
    if (expected.every(ref => refs.includes(ref)) || Date.now() > deadline) return refs;
    await new Promise(resolve => setTimeout(resolve, 2_000));
  }
}

describe('the homelab catalog model', () => {
  const session = signedInSession();

  it('relates Karakeep to its models, Ollama, the namespace and the cluster', async () => {
    // karakeep's namespace is declared in manifests/karakeep: that entity, never a discovered one
    const karakeepRefs = ['component:default/ollama', 'resource:default/qwen3-1.7b', 'resource:default/moondream', 'resource:default/karakeep'];
    const karakeep = await dependsOnOnce('component', 'karakeep', karakeepRefs);
    assert.ok(!karakeep.includes('resource:kubernetes-namespace/karakeep'), `karakeep dependsOn a discovered namespace: ${karakeep.join(', ')}`);
    for (const ref of karakeepRefs) {
      assert.ok(karakeep.includes(ref), `karakeep dependsOn ${ref}: ${karakeep.join(', ')}`);
    }
    // ai is declared in manifests/ai: the declared entity, never a discovered one, is the namespace
    const ollamaRefs = ['resource:default/ai', 'resource:default/qwen3-1.7b', 'resource:default/gemma3-1b'];
    const ollama = await dependsOnOnce('component', 'ollama', ollamaRefs);
    assert.ok(!ollama.includes('resource:kubernetes-namespace/ai'), `ollama dependsOn a discovered ai namespace: ${ollama.join(', ')}`);
    for (const ref of ollamaRefs) {
      assert.ok(ollama.includes(ref), `ollama dependsOn ${ref}: ${ollama.join(', ')}`);
    }
    assert.deepEqual(await dependsOn('resource', 'ai'), ['resource:default/homelab']);
    const cluster = await dependsOn('resource', 'homelab');
    for (const node of ['node-1', 'node-2', 'node-3']) assert.ok(cluster.includes(`resource:default/${node}`), cluster.join(', '));
  });

  it('draws the Karakeep graph down to the cluster', async () => {
    const query = new URLSearchParams({ maxDepth: '4', unidirectional: 'true', direction: 'LR' });
    query.append('rootEntityRefs[]', 'component:default/karakeep');
    await session.page.goto(`${baseUrl}/catalog-graph?${query}`);
    for (const label of ['Karakeep', 'qwen3:1.7b', 'Ollama', 'ai namespace', 'Homelab cluster']) {
      await session.page.locator('svg text', { hasText: label }).first().waitFor();
    }
    await screenshot(session.page, 'catalog-graph-karakeep');
  });
});
