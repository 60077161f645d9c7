import { lintManifests } from '../lintManifests';

const pod = (image: string) => `apiVersion: v1
kind: Pod
metadata:
  name: minio
  namespace: storage
spec:
  containers:
    - name: minio
      image: ${image}
`;

const imageFindings = (image: string) =>
  lintManifests([{ path: 'pod.yaml', content: pod(image) }]).findings.filter(
    f => f.rule === 'container-image-tag',
  );

describe('container-image-tag', () => {
  it('passes a release tag with upper-case letters', () => {
    expect(
      imageFindings('quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z'),
    ).toEqual([]);
  });

  it('reports upper case in the repository path at the image line, naming the path', () => {
    const [finding, ...rest] = imageFindings('quay.io/MinIO/minio:1.0');
    expect(rest).toEqual([]);
    expect(finding.line).toBe(9);
    expect(finding.message).toMatch(
      /upper-case letters in its repository path "MinIO\/minio"/,
    );
    expect(finding.fix).toMatch(/InvalidImageName/);
  });

  it('reports a malformed digest even though a digest usually pins the image', () => {
    const [finding] = imageFindings('redis@sha256:abc');
    expect(finding.message).toMatch(/malformed digest/);
  });

  it('still reports floating tags', () => {
    expect(imageFindings('redis:latest')[0].message).toMatch(/"latest"/);
    expect(imageFindings('redis')[0].message).toMatch(/no tag/);
    expect(imageFindings('redis:7.4')).toEqual([]);
  });
});
