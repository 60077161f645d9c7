import { ConfigReader } from '@backstage/config';
import { readHomelabConfig } from './config';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function config(homelab: object, clusters: object[]) {
  return new ConfigReader({
    homelab,
    kubernetes: {
      clusterLocatorMethods: [{ type: 'catalog' }, { type: 'config', clusters }],
    },
  });
}

const ollama = { baseUrl: 'http://127.0.0.1:11434/' };

describe('readHomelabConfig', () => {
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
      },
      ollama: {
        baseUrl: 'http://127.0.0.1:11434',
        namespace: 'ai',
        labelSelector: 'app.kubernetes.io/name=ollama',
      },
    });
  });

  it('treats an empty caData (unset environment variable) as no CA', () => {
    const result = readHomelabConfig(
      config({ cluster: 'homelab', ollama }, [
        { name: 'homelab', url: 'https://h:6443', caData: '', skipTLSVerify: true },
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
        config({ cluster: 'homelab', ollama }, [{ name: 'prod', url: 'https://p' }]),
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
});
