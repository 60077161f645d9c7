import { generate } from 'selfsigned';

export interface Certificate {
  cert: string;
  key: string;
}

/**
 * A fresh self-signed certificate for the API server. HTTPS is not optional:
 * kubectl sends a bearer token only over TLS.
 */
export function selfSignedCertificate(host: string): Certificate {
  const ipHosts = new Set(['127.0.0.1', host].filter(h => /^[\d.]+$/.test(h)));
  const dnsHosts = new Set(
    ['localhost', host].filter(h => !/^[\d.]+$/.test(h)),
  );
  const pems = generate([{ name: 'commonName', value: 'homelab-sim' }], {
    days: 365,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'keyUsage',
        keyCertSign: true,
        digitalSignature: true,
        keyEncipherment: true,
      },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...[...dnsHosts].map(value => ({ type: 2, value })),
          ...[...ipHosts].map(ip => ({ type: 7, ip })),
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
