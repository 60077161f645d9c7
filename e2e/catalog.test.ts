import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, screenshot, signedInSession } from './support/browser.ts';
import { getJson } from './support/api.ts';

type Entity = { metadata: { name: string }; relations?: { type: string; targetRef: string }[] };

async function dependsOn(kind: string, name: string): Promise<string[]> {
  const entity = await getJson<Entity>(`/api/catalog/entities/by-name/${kind}/default/${name}`);
  return (entity.relations ?? []).filter(r => r.type === 'dependsOn').map(r => r.targetRef).sort();
}

describe('the homelab catalog model', () => {
  const session = signedInSession();

  it('relates Karakeep to its models, Ollama, the namespace and the cluster', async () => {
    const karakeep = await dependsOn('component', 'karakeep');
    for (const ref of ['component:default/ollama', 'resource:default/qwen3-1.7b', 'resource:default/moondream', 'resource:default/karakeep']) {
      assert.ok(karakeep.includes(ref), `karakeep dependsOn ${ref}: ${karakeep.join(', ')}`);
    }
    const ollama = await dependsOn('component', 'ollama');
    for (const ref of ['resource:default/ai', 'resource:default/qwen3-1.7b', 'resource:default/gemma3-1b']) {
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
