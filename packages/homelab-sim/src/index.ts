/**
 * Stand-in Kubernetes API and Ollama API for developing and testing the homelab portal.
 *
 * @packageDocumentation
 */
export { startHomelabSim, FIXTURE_MANIFESTS } from './sim';
export type { HomelabSim, HomelabSimOptions } from './sim';
export { portalConfigData } from './portalConfig';
export { startTestSim } from './testUtils';
export type { SimEndpoints } from './portalConfig';
export type {
  ScenarioSpec,
  NodeSpec,
  ModelSpec,
  OllamaSpec,
  FailureSpec,
  FailureKind,
} from './scenario/types';
export { startGitHttpServer } from './forge/gitHttpServer';
export type { GitHttpServer, GiteaPullRequest } from './forge/gitHttpServer';
export { startGithubAppApi } from './forge/githubAppApi';
export type { GithubAppApi, GithubAppApiOptions } from './forge/githubAppApi';
export { testGit } from './forge/testGit';
