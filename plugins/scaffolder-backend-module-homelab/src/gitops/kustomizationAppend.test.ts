import { appendKustomizationResources } from './kustomizationAppend';

const PATH = 'kubernetes/apps/media/kustomization.yaml';

describe('appending a service to an existing kustomization.yaml', () => {
  it('keeps comments, the document marker and the order, adding the entry at the end', () => {
    const text = `---
# yaml-language-server: $schema=https://json.schemastore.org/kustomization
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  # Pre Flux-Kustomizations
  - ./namespace.yaml
  # Flux-Kustomizations
  - ./jellyfin/ks.yaml # the player
`;
    const result = appendKustomizationResources(PATH, text, [
      'miniflux/ks.yaml',
    ]);
    expect(result.added).toEqual(['miniflux/ks.yaml']);
    expect(result.text).toBe(`${text}  - miniflux/ks.yaml\n`);
  });

  it('leaves the file byte for byte when the service is listed already (with ./ or a trailing /)', () => {
    const text = 'resources:\n  - ./miniflux/\n';
    expect(appendKustomizationResources(PATH, text, ['miniflux'])).toEqual({
      text,
      added: [],
    });
  });

  it('adds a resources list to a kustomization that has none', () => {
    const result = appendKustomizationResources(
      PATH,
      '# generators only\nkind: Kustomization\n',
      ['miniflux/'],
    );
    expect(result.text).toBe(
      '# generators only\nkind: Kustomization\nresources:\n  - miniflux/\n',
    );
  });

  it.each([
    ['resources: [unclosed\n', /is not valid YAML on the base branch/],
    ['- just\n- a list\n', /is not a kustomization \(a YAML mapping\)/],
    ['resources: namespace.yaml\n', /`resources` is not a list/],
  ])('refuses %j naming the file', (text, message) => {
    expect(() => appendKustomizationResources(PATH, text, ['x/'])).toThrow(
      new RegExp(`${PATH}: ${message.source}`),
    );
  });
});
