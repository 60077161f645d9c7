import type { OllamaModelCheck } from '@internal/plugin-homelab-common';
import { fail, pass, Verdict } from './result';
import type { OllamaTagsReader } from './types';

/** `moondream` and `moondream:latest` are the same tag to Ollama. */
const full = (tag: string) => (tag.includes(':') ? tag : `${tag}:latest`);

export async function checkOllamaModel(
  check: OllamaModelCheck,
  ollama: OllamaTagsReader,
): Promise<Verdict> {
  const { models } = await ollama.tags();
  const want = full(check.model);
  const found = models.find(
    m => full(m.name) === want || full(m.model ?? '') === want,
  );
  if (found) {
    const size = found.size ? ` (${(found.size / 1e9).toFixed(1)} GB)` : '';
    return pass(`${check.model} is pulled in Ollama${size}`);
  }
  const present = models.map(m => m.name).join(', ') || 'none';
  return fail(
    `${check.model} is not in Ollama's /api/tags (present: ${present})`,
  );
}
