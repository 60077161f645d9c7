import { execFile } from 'node:child_process';

export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * Runs the git CLI without reading hooks or prompting; user and system config
 * may still apply, so identity and signing are set explicitly per call.
 */
export function git(
  cwd: string,
  args: string[],
  identity?: GitIdentity,
  options: {
    env?: NodeJS.ProcessEnv;
    input?: string | Buffer;
    /** Keep stdout as it is (file contents); otherwise it is trimmed. */
    raw?: boolean;
    /** Kill git after this long (remote calls); default: no limit. */
    timeoutMs?: number;
  } = {},
): Promise<string> {
  const config = [
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    'commit.gpgsign=false',
    ...(identity
      ? [
          '-c',
          `user.name=${identity.name}`,
          '-c',
          `user.email=${identity.email}`,
        ]
      : []),
  ];
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...config, ...args],
      {
        cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...options.env },
        maxBuffer: 16 * 1024 * 1024,
        timeout: options.timeoutMs ?? 0,
      },
      (error, stdout, stderr) => {
        if (
          error &&
          (error as { killed?: boolean }).killed &&
          options.timeoutMs
        ) {
          reject(
            new Error(
              `git ${args[0]} did not finish within ${Math.round(
                options.timeoutMs / 1000,
              )} s and was stopped`,
            ),
          );
        } else if (error) {
          reject(
            new Error(
              `git ${args[0]} failed: ${(stderr || error.message).trim()}`,
            ),
          );
        } else {
          resolve(options.raw ? stdout : stdout.trim());
        }
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Whether `git rev-parse --verify` finds the ref; any failure means it does not exist. */
export async function refExists(cwd: string, ref: string): Promise<boolean> {
  return git(cwd, ['rev-parse', '--verify', '--quiet', ref]).then(
    () => true,
    () => false,
  );
}
