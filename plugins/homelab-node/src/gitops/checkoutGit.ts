import { execFile } from 'node:child_process';
import type { GitopsCredentials } from './credentials';
import { gitCredentialEnv } from './gitCredentialEnv';

/** A git call of the checkout that failed; the message carries no credentials. */
export class CheckoutGitError extends Error {
  readonly name = 'CheckoutGitError';
}

/**
 * Runs git for the portal's checkout: no hooks, symlinks checked out as plain files (a
 * link in the repository cannot make the catalog or the plan reader leave the
 * checkout), prompts and credentials as gitCredentialEnv sets them.
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
  const { credentials } = options;
  const env = { ...process.env, ...gitCredentialEnv(credentials) };
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
