import { parseServiceSpec } from './parseServiceSpec';

const spec = (image: string) => ({
  name: 'minio',
  owner: 'group:default/homelab',
  namespace: { name: 'storage' },
  image,
  ports: [{ name: 'api', port: 9000 }],
  resources: {
    requests: { cpu: '100m', memory: '256Mi' },
    limits: { memory: '1Gi' },
  },
});

describe('the service spec image field', () => {
  it('accepts the quay.io MinIO image with its upper-case release tag', () => {
    const result = parseServiceSpec(
      spec('quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z'),
    );
    expect(result.success).toBe(true);
  });

  it('refuses upper case in the repository path and says it is the path', () => {
    const result = parseServiceSpec(spec('quay.io/MinIO/minio:1.0'));
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.problems.map(p => `${p.path}: ${p.message}`)).toEqual([
      'image: "quay.io/MinIO/minio:1.0" has upper-case letters in its repository path "MinIO/minio"; repository paths are lower case (only the tag may use upper case), e.g. "minio/minio"',
    ]);
  });

  it('accepts a registry on an IPv6 address with a port', () => {
    expect(parseServiceSpec(spec('[fd00::10]:5000/minio:1.0')).success).toBe(
      true,
    );
  });
});
