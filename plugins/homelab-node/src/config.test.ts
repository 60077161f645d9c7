import { ConfigReader } from '@backstage/config';
import { readHomelabConfig } from './config';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function config(homelab: object, clusters: object[]) {
  return new ConfigReader({
    homelab,
    kubernetes: {
      clusterLocatorMethods: [
        { type: 'catalog' },
        { type: 'config', clusters },
      ],
    },
  });
}

const ollama = { baseUrl: 'http://127.0.0.1:11434/' };

describe('readHomelabConfig', () => {
  // A developer's KUBECONFIG or a CI pod's service account would change the access mode.
  const savedEnv = { ...process.env };
  beforeEach(() => {
    delete process.env.KUBECONFIG;
    delete process.env.KUBERNETES_SERVICE_HOST;
  });
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  it('resolves the named cluster entry and the Ollama settings', () => {
    const result = readHomelabConfig(
      config({ cluster: 'homelab', ollama }, [
        { name: 'other', url: 'https://10.0.0.1:6443' },
        {
          name: 'homelab',
          url: 'https://192.168.1.11:6443/',
          serviceAccountToken: 'tok',
          caData: Buffer.from(PEM).toString('base64'),
        },
      ]),
    );
    expect(result).toEqual({
      cluster: {
        name: 'homelab',
        url: 'https://192.168.1.11:6443',
        serviceAccountToken: 'tok',
        caPem: PEM,
        skipTLSVerify: false,
        limits: { timeoutMs: 10_000, maxBytes: 8 * 1024 * 1024 },
      },
      ollama: {
        baseUrl: 'http://127.0.0.1:11434',
        namespace: 'ai',
        labelSelector: 'app.kubernetes.io/name=ollama',
        limits: { timeoutMs: 10_000, maxBytes: 8 * 1024 * 1024 },
        generateTimeoutMs: 120_000,
      },
    });
  });

  it('treats an empty caData (unset environment variable) as no CA', () => {
    const result = readHomelabConfig(
      config({ cluster: 'homelab', ollama }, [
        {
          name: 'homelab',
          url: 'https://h:6443',
          caData: '',
          skipTLSVerify: true,
        },
      ]),
    );
    expect(result.cluster.caPem).toBeUndefined();
    expect(result.cluster.skipTLSVerify).toBe(true);
  });

  it('names the missing homelab.cluster key and how to set it', () => {
    expect(() => readHomelabConfig(config({ ollama }, []))).toThrow(
      /homelab.cluster is missing; set it to the name of a cluster listed under kubernetes.clusterLocatorMethods/,
    );
  });

  it('names the cluster that no locator lists, and the ones it found', () => {
    expect(() =>
      readHomelabConfig(
        config({ cluster: 'homelab', ollama }, [
          { name: 'prod', url: 'https://p' },
        ]),
      ),
    ).toThrow(
      'homelab.cluster is "homelab" but no kubernetes.clusterLocatorMethods entry of type config has a cluster of that name (found: prod)',
    );
  });

  it('rejects caData that is not a base64 PEM certificate', () => {
    expect(() =>
      readHomelabConfig(
        config({ cluster: 'homelab', ollama }, [
          { name: 'homelab', url: 'https://h', caData: 'bm90IGEgY2VydA==' },
        ]),
      ),
    ).toThrow(/clusters\[name=homelab\]\.caData is not a base64-encoded PEM/);
  });

  it('names a missing homelab.ollama.baseUrl', () => {
    expect(() =>
      readHomelabConfig(
        config({ cluster: 'homelab' }, [{ name: 'homelab', url: 'https://h' }]),
      ),
    ).toThrow(/homelab.ollama.baseUrl is missing/);
  });

  it('reads the timeout and byte cap of cluster and Ollama calls', () => {
    const result = readHomelabConfig(
      new ConfigReader({
        homelab: {
          cluster: 'homelab',
          clusterRequests: { timeout: '3s', maxBytes: 1024 },
          ollama: { ...ollama, timeout: { seconds: 30 }, maxBytes: 2048 },
        },
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [{ name: 'homelab', url: 'https://h' }],
            },
          ],
        },
      }),
    );
    expect(result.cluster.limits).toEqual({ timeoutMs: 3000, maxBytes: 1024 });
    expect(result.ollama.limits).toEqual({ timeoutMs: 30_000, maxBytes: 2048 });
  });

  it('names a timeout that is not a duration and a byte cap that is not a number', () => {
    expect(() =>
      readHomelabConfig(
        config({ cluster: 'homelab', ollama: { ...ollama, timeout: 'soon' } }, [
          { name: 'homelab', url: 'https://h' },
        ]),
      ),
    ).toThrow(/homelab.ollama.timeout is not a duration/);
    expect(() =>
      readHomelabConfig(
        config(
          { cluster: 'homelab', ollama, clusterRequests: { maxBytes: 0 } },
          [{ name: 'homelab', url: 'https://h' }],
        ),
      ),
    ).toThrow(
      /homelab.clusterRequests.maxBytes must be a whole number of bytes/,
    );
  });
});
