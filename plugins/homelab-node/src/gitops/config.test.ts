import { ConfigReader } from '@backstage/config';
import { mkdtempSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGitopsConfig } from './config';
import { expandLayoutPath, resolveLayoutPath } from './layout';

const dataDir = '/srv/portal/data';
const read = (gitops?: object, extra: object = {}) =>
  readGitopsConfig(
    new ConfigReader({ ...(gitops ? { homelab: { gitops } } : {}), ...extra }),
    dataDir,
    { repositoryRoot: '/srv/portal' },
  );

describe('readGitopsConfig', () => {
  it('defaults to a bare repository under the data folder, seeded from the working tree, in this repository layout', () => {
    const config = read();
    expect(config.remote).toEqual({
      kind: 'local',
      path: '/srv/portal/data/gitops/remote.git',
      seedFrom: '/srv/portal',
    });
    expect(config.baseBranch).toBe('main');
    expect(config.checkoutDir).toBe('/srv/portal/data/gitops/checkout');
    expect(config.layout).toEqual({
      preset: 'default',
      service: 'manifests/{namespace}/{name}/',
      namespace: 'manifests/{namespace}/',
      phasePlans: 'docs/phases/',
      runbooks: 'docs/runbooks/',
    });
    expect(config.pullRequests).toEqual({ provider: 'none' });
  });

  it('offers the Flux home-ops and Argo CD layouts as presets, with single fields overridable', () => {
    expect(read({ layout: { preset: 'flux' } }).layout).toMatchObject({
      service: 'kubernetes/apps/{namespace}/{name}/app/',
      namespace: 'kubernetes/apps/{namespace}/',
      fluxKustomization: 'kubernetes/apps/{namespace}/{name}/ks.yaml',
    });
    expect(
      read({ layout: { preset: 'argocd', phasePlans: 'docs/todo' } }).layout,
    ).toMatchObject({
      service: 'argocd/manifests/{name}/',
      phasePlans: 'docs/todo/',
    });
  });

  it('reads a forge remote, derives the Gitea API and owner/repo from it, and refuses credentials in the URL', () => {
    const config = read({
      remote: 'https://git.home.arpa/homelab/gitops.git',
      pullRequests: { provider: 'forgejo' },
    });
    expect(config.remote).toEqual({
      kind: 'url',
      url: 'https://git.home.arpa/homelab/gitops.git',
      host: 'git.home.arpa',
      webUrl: 'https://git.home.arpa/homelab/gitops',
    });
    expect(config.pullRequests).toEqual({
      provider: 'forgejo',
      apiBaseUrl: 'https://git.home.arpa/api/v1',
      owner: 'homelab',
      repo: 'gitops',
    });
    expect(() =>
      read({ remote: 'https://me:secret@git.home.arpa/homelab/gitops.git' }),
    ).toThrow(/must not carry credentials; put them in integrations/);
    expect(() => read({ remote: 'git@github.com:me/gitops.git' })).toThrow(
      /SSH remote/,
    );
  });

  it('names the GitHub API for github.com and GitHub Enterprise hosts', () => {
    expect(
      read({
        remote: 'https://github.com/me/home-ops.git',
        pullRequests: { provider: 'github' },
      }).pullRequests.apiBaseUrl,
    ).toBe('https://api.github.com');
    expect(
      read({
        remote: 'https://ghe.example.org/me/home-ops',
        pullRequests: { provider: 'github' },
      }).pullRequests.apiBaseUrl,
    ).toBe('https://ghe.example.org/api/v3');
  });

  it.each([
    [{ layout: { service: '/etc/{name}/' } }, /layout.service: .*leading "\/"/],
    [{ layout: { service: 'manifests/../{name}/' } }, /layout.service: .*".."/],
    [
      { layout: { service: 'manifests/{owner}/{name}/' } },
      /unknown placeholder \{owner\}/,
    ],
    [
      { layout: { service: 'manifests/{namespace}/' } },
      /needs the \{name\} placeholder/,
    ],
    [
      { layout: { preset: 'helm' } },
      /layout.preset: "helm" is not one of default, flux, argocd/,
    ],
    [{ baseBranch: 'main..x' }, /baseBranch/],
    [{ pullRequests: { provider: 'gitea' } }, /remote is a local path/],
  ])('refuses %j naming the key', (gitops, message) => {
    expect(() => read(gitops)).toThrow(message);
  });
});

describe('layout paths', () => {
  it('expands placeholders that are DNS labels and refuses anything else', () => {
    expect(
      expandLayoutPath('kubernetes/apps/{namespace}/{name}/app/', {
        namespace: 'media',
        name: 'jellyfin',
      }),
    ).toBe('kubernetes/apps/media/jellyfin/app/');
    expect(() =>
      expandLayoutPath('manifests/{namespace}/{name}/', {
        namespace: 'media',
        name: '../../etc',
      }),
    ).toThrow(/name: "..\/..\/etc" is not a DNS-1123 label/);
  });

  it('refuses a layout folder that is a link out of the repository', () => {
    const root = mkdtempSync(join(tmpdir(), 'gitops-layout-'));
    mkdirSync(join(root, 'manifests'));
    symlinkSync('/etc', join(root, 'manifests', 'media'));
    expect(() =>
      resolveLayoutPath(root, 'manifests/{namespace}/{name}/', {
        namespace: 'media',
        name: 'jellyfin',
      }),
    ).toThrow(/outside/);
  });
});
