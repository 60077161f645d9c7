import { isAbsolute, join, resolve } from 'node:path';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readRepositoryRoot } from '../repositoryRoot';
import { checkLayoutTemplate, GITOPS_LAYOUTS } from './layout';
import {
  GITOPS_LAYOUT_PRESETS,
  PULL_REQUEST_PROVIDERS,
  type GitopsConfig,
  type GitopsLayout,
  type GitopsLayoutPreset,
  type GitopsPullRequests,
  type GitopsRemote,
  type PullRequestProvider,
} from './types';

const KEY = 'homelab.gitops';
const BRANCH =
  /^(?!.*\.\.)(?!.*\/\/)(?!\/)(?!.*\/$)(?!.*\.lock$)[A-Za-z0-9._/-]+$/;

/**
 * Reads `homelab.gitops` with its defaults: the embedded default publishes into a bare
 * repository `<dataDir>/gitops/remote.git`, created on first use from the working tree
 * this backend runs from (`homelab.repositoryRoot`, else the workspace root above the
 * current folder). Throws an InputError naming the key and the fix.
 *
 * @param dataDir - the portal's data folder (`HOMELAB_DATA_DIR`, else `<repository>/data`)
 */
export function readGitopsConfig(
  config: Config,
  dataDir: string,
  options: { repositoryRoot?: string } = {},
): GitopsConfig {
  const repositoryRoot =
    options.repositoryRoot ?? readRepositoryRoot(config, process.cwd());
  const gitops = config.getOptionalConfig(KEY);
  const remote = readRemote(
    gitops?.getOptionalString('remote'),
    dataDir,
    repositoryRoot,
  );
  const baseBranch = gitops?.getOptionalString('baseBranch') ?? 'main';
  if (!BRANCH.test(baseBranch)) {
    throw new InputError(
      `${KEY}.baseBranch: "${baseBranch}" is not a branch name; use e.g. main`,
    );
  }
  return {
    remote,
    baseBranch,
    layout: readLayout(gitops?.getOptionalConfig('layout')),
    checkoutDir: localPath(
      gitops?.getOptionalString('checkoutDir'),
      join(dataDir, 'gitops', 'checkout'),
      dataDir,
    ),
    cacheDir: join(dataDir, 'gitops', 'publish-cache'),
    pullRequests: readPullRequests(
      gitops?.getOptionalConfig('pullRequests'),
      remote,
    ),
  };
}

function localPath(value: string | undefined, fallback: string, base: string) {
  if (!value) return fallback;
  return isAbsolute(value) ? value : resolve(base, value);
}

function readRemote(
  value: string | undefined,
  dataDir: string,
  repositoryRoot: string,
): GitopsRemote {
  if (!value) {
    return {
      kind: 'local',
      path: join(dataDir, 'gitops', 'remote.git'),
      seedFrom: repositoryRoot,
    };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new InputError(`${KEY}.remote: "${value}" is not a URL`);
    }
    if (url.protocol === 'file:') return { kind: 'local', path: url.pathname };
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new InputError(
        `${KEY}.remote: ${url.protocol} remotes are not supported; give the repository's http(s) clone URL (credentials come from integrations), or a local path`,
      );
    }
    if (url.username || url.password) {
      throw new InputError(
        `${KEY}.remote: the URL must not carry credentials; put them in integrations.gitea[] or integrations.github[] for ${url.host}`,
      );
    }
    url.search = '';
    url.hash = '';
    const clean = url.toString().replace(/\/+$/, '');
    return {
      kind: 'url',
      url: clean,
      host: url.host,
      webUrl: clean.replace(/\.git$/, ''),
    };
  }
  if (/^[^/]+@[^/:]+:/.test(value)) {
    throw new InputError(
      `${KEY}.remote: "${value}" is an SSH remote; give the repository's http(s) clone URL instead (credentials come from integrations)`,
    );
  }
  return { kind: 'local', path: resolve(repositoryRoot, value) };
}

function readLayout(layout: Config | undefined): GitopsLayout {
  const preset = (layout?.getOptionalString('preset') ??
    'default') as GitopsLayoutPreset;
  if (!GITOPS_LAYOUT_PRESETS.includes(preset)) {
    throw new InputError(
      `${KEY}.layout.preset: "${preset}" is not one of ${GITOPS_LAYOUT_PRESETS.join(
        ', ',
      )}`,
    );
  }
  const base = GITOPS_LAYOUTS[preset];
  const pick = (field: keyof Omit<GitopsLayout, 'preset'>) => {
    const value = layout?.getOptionalString(field) ?? base[field];
    return value === undefined ? undefined : checkLayoutTemplate(field, value);
  };
  const result: GitopsLayout = {
    preset,
    service: folder(pick('service')!),
    namespace: folder(pick('namespace')!),
    phasePlans: folder(pick('phasePlans')!),
    runbooks: folder(pick('runbooks')!),
  };
  const ks = pick('fluxKustomization');
  if (ks) result.fluxKustomization = ks;
  if (!result.service.includes('{name}')) {
    throw new InputError(
      `${KEY}.layout.service: "${result.service}" needs the {name} placeholder, or every service would land in one folder`,
    );
  }
  if (!result.namespace.includes('{namespace}')) {
    throw new InputError(
      `${KEY}.layout.namespace: "${result.namespace}" needs the {namespace} placeholder`,
    );
  }
  return result;
}

function folder(template: string): string {
  return template.endsWith('/') ? template : `${template}/`;
}

function readPullRequests(
  prs: Config | undefined,
  remote: GitopsRemote,
): GitopsPullRequests {
  const provider = (prs?.getOptionalString('provider') ??
    'none') as PullRequestProvider;
  if (!PULL_REQUEST_PROVIDERS.includes(provider)) {
    throw new InputError(
      `${KEY}.pullRequests.provider: "${provider}" is not one of ${PULL_REQUEST_PROVIDERS.join(
        ', ',
      )}`,
    );
  }
  if (provider === 'none') return { provider };
  if (remote.kind !== 'url') {
    throw new InputError(
      `${KEY}.pullRequests.provider is ${provider} but ${KEY}.remote is a local path; set remote to the forge's http(s) clone URL, or the provider to none`,
    );
  }
  const url = new URL(remote.url);
  const [pathOwner, pathRepo] = url.pathname
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '')
    .split('/')
    .slice(-2);
  const owner = prs?.getOptionalString('owner') ?? pathOwner;
  const repo = prs?.getOptionalString('repo') ?? pathRepo;
  if (!owner || !repo) {
    throw new InputError(
      `${KEY}.pullRequests: set owner and repo; they cannot be read from ${remote.url}`,
    );
  }
  let apiBaseUrl = prs?.getOptionalString('apiBaseUrl');
  if (!apiBaseUrl) {
    if (provider === 'github') {
      apiBaseUrl =
        url.host === 'github.com'
          ? 'https://api.github.com'
          : `${url.origin}/api/v3`;
    } else {
      const prefix = url.pathname
        .replace(/\/+$/, '')
        .split('/')
        .slice(0, -2)
        .join('/');
      apiBaseUrl = `${url.origin}${prefix}/api/v1`;
    }
  }
  return { provider, apiBaseUrl: apiBaseUrl.replace(/\/+$/, ''), owner, repo };
}
