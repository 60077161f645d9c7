import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { modelEntityName, normalizeOllamaTag, toEntityName } from './names';
import {
  formatBinaryBytes,
  formatDecimalBytes,
  parseQuantityBytes,
} from './sizes';

describe('entity names of discovered things', () => {
  it.each([
    ['qwen3:1.7b', 'qwen3-1.7b'],
    ['gemma3:1b', 'gemma3-1b'],
    ['moondream:latest', 'moondream'],
    ['moondream', 'moondream'],
    [
      'hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M',
      'hf.co-bartowski-Llama-3.2-1B-Instruct-GGUF-Q4_K_M',
    ],
    [
      'registry.home.arpa:5000/team/model',
      'registry.home.arpa-5000-team-model',
    ],
  ])('names the Ollama model %s as %s', (tag, name) => {
    expect(modelEntityName(tag)).toBe(name);
    expect(KubernetesValidatorFunctions.isValidObjectName(name)).toBe(true);
  });

  it('treats a tag without version as :latest, also behind a registry port', () => {
    expect(normalizeOllamaTag('moondream')).toBe('moondream:latest');
    expect(normalizeOllamaTag('registry.home.arpa:5000/team/model')).toBe(
      'registry.home.arpa:5000/team/model:latest',
    );
    expect(normalizeOllamaTag('qwen3:1.7b')).toBe('qwen3:1.7b');
  });

  it('fits long and odd Kubernetes names into valid entity names', () => {
    const long = `${'a'.repeat(62)}.b`;
    for (const raw of ['--x__y..', long, 'node_1.lan', '***']) {
      expect(
        KubernetesValidatorFunctions.isValidObjectName(toEntityName(raw)),
      ).toBe(true);
    }
    expect(toEntityName(long)).toBe('a'.repeat(62));
  });
});

describe('sizes', () => {
  it('reads Kubernetes quantities and writes them as people do', () => {
    expect(formatBinaryBytes(parseQuantityBytes('16777216Ki')!)).toBe('16Gi');
    expect(formatBinaryBytes(parseQuantityBytes('16336520Ki')!)).toBe('15.6Gi');
    expect(formatBinaryBytes(parseQuantityBytes('512Mi')!)).toBe('512Mi');
    expect(parseQuantityBytes('16G')).toBe(16e9);
    expect(parseQuantityBytes('lots')).toBeUndefined();
    expect(formatDecimalBytes(1359293444)).toBe('1.4GB');
    expect(formatDecimalBytes(815319791)).toBe('815MB');
  });
});
