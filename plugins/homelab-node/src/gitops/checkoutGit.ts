import { execFile } from 'node:child_process';
import type { GitopsCredentials } from './credentials';

/** A git call of the checkout that failed; the message carries no credentials. */
export class CheckoutGitError extends Error {
  readonly name = 'CheckoutGitError';
}

/**
 * Runs git for the portal's checkout: no hooks, no prompts, no credential helper of the
 * host, symlinks checked out as plain files (a link in the repository cannot make the
 * catalog or the plan reader leave the checkout). Credentials travel as an
 * `http.extraHeader` in GIT_CONFIG_* variables: never in .git/config, argv or a log.
 */
export function checkoutGit(
  cwd: string,
  args: string[],
  options: {
    credentials?: GitopsCredentials;
    timeoutMs?: number;
    /** Keep stdout as it is (file contents); otherwise it is trimmed. */
    raw?: boolean;
    maxBuffer?: number;
  } = {},
): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'credential.helper',
    GIT_CONFIG_VALUE_0: '',
  };
  const { credentials } = options;
  if (credentials) {
    const basic = Buffer.from(
      `${credentials.username}:${credentials.password}`,
    ).toString('base64');
    env.GIT_CONFIG_COUNT = '2';
    env.GIT_CONFIG_KEY_1 = 'http.extraHeader';
    env.GIT_CONFIG_VALUE_1 = `Authorization: Basic ${basic}`;
  }
  const argv = [
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    'core.symlinks=false',
    ...args,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      argv,
      {
        cwd,
        env,
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: options.maxBuffer ?? 16 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(options.raw ? stdout : stdout.trim());
          return;
        }
        let message = (stderr || error.message).trim();
        if (credentials?.password) {
          message = message.split(credentials.password).join('***');
        }
        if ((error as { killed?: boolean }).killed) {
          message = `timed out after ${Math.round(
            (options.timeoutMs ?? 120_000) / 1000,
          )} s`;
        }
        reject(new CheckoutGitError(`git ${args[0]} failed: ${message}`));
      },
    );
  });
}
