import type { GitopsCredentials } from './credentials';

/**
 * Environment for a git call against a GitOps remote: no prompts, no credential helper
 * of the host, no redirects (the Authorization header must reach the configured host
 * only), and the credentials, if any, as an `http.extraHeader`. They travel in
 * GIT_CONFIG_* variables: never in .git/config, argv or a log.
 */
export function gitCredentialEnv(
  credentials?: GitopsCredentials,
): NodeJS.ProcessEnv {
  const config: [string, string][] = [
    ['credential.helper', ''],
    ['http.followRedirects', 'false'],
  ];
  if (credentials) {
    const basic = Buffer.from(
      `${credentials.username}:${credentials.password}`,
    ).toString('base64');
    config.push(['http.extraHeader', `Authorization: Basic ${basic}`]);
  }
  const env: NodeJS.ProcessEnv = {
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GIT_CONFIG_COUNT: String(config.length),
  };
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}
