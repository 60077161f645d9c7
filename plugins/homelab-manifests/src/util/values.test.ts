import {
  dnsLabelProblem,
  hostnameProblem,
  imageProblem,
  parseQuantity,
  portNameProblem,
  quantityProblem,
} from './values';

describe('value validators', () => {
  it('accept Kubernetes quantities and refuse prose', () => {
    for (const ok of ['500m', '0.5', '2', '256Mi', '1Gi', '1e3', '1.5G']) {
      expect(quantityProblem(ok)).toBeUndefined();
    }
    expect(quantityProblem('lots')).toMatch(
      /"lots" is not a Kubernetes quantity; write .* 256Mi/,
    );
    expect(quantityProblem('1 Gi')).toBeDefined();
    expect(quantityProblem('-1Gi')).toMatch(/negative/);
  });

  it('parse quantities to numbers', () => {
    expect(parseQuantity('256Mi')).toBe(256 * 2 ** 20);
    expect(parseQuantity('500m')).toBeCloseTo(0.5);
    expect(parseQuantity('2G')).toBe(2e9);
  });

  it('explain what is wrong with a DNS-1123 label', () => {
    expect(dnsLabelProblem('karakeep')).toBeUndefined();
    expect(dnsLabelProblem('Karakeep')).toMatch(/upper-case.*karakeep/);
    expect(dnsLabelProblem('-web')).toMatch(/start and end/);
    expect(dnsLabelProblem('a'.repeat(64))).toMatch(
      /64 characters long.*at most 63/,
    );
    expect(dnsLabelProblem('a/b')).toMatch(/"\.\." or "\/"/);
    expect(dnsLabelProblem('a..b')).toMatch(/"\.\." or "\/"/);
    expect(dnsLabelProblem('web_ui')).toMatch(
      /lower-case letters, digits and "-"/,
    );
  });

  it('refuse underscores and bad labels in hostnames', () => {
    expect(hostnameProblem('karakeep.k8s.home.arpa')).toBeUndefined();
    expect(hostnameProblem('my_app.home.arpa')).toMatch(/contains "_"/);
    expect(hostnameProblem('a..b')).toMatch(/invalid part/);
  });

  it('want images pinned', () => {
    expect(
      imageProblem('ghcr.io/karakeep-app/karakeep:0.24.1'),
    ).toBeUndefined();
    expect(imageProblem('localhost:5000/app:1.0')).toBeUndefined();
    expect(imageProblem(`redis@sha256:${'a'.repeat(64)}`)).toBeUndefined();
    expect(imageProblem('redis')).toMatch(/no tag/);
    expect(imageProblem('localhost:5000/app')).toMatch(/no tag/);
    expect(imageProblem('redis:latest')).toMatch(/"latest"/);
    expect(imageProblem('redis@sha256:abc')).toMatch(/malformed digest/);
  });

  it('keep port names short enough for containers', () => {
    expect(portNameProblem('http')).toBeUndefined();
    expect(portNameProblem('a-very-long-port-name')).toMatch(/15 characters/);
    expect(portNameProblem('8080')).toMatch(/at least one letter/);
  });
});
