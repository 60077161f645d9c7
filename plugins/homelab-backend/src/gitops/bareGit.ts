import { execFile } from 'node:child_process';

/** What a git call in the bare repository answered, whatever its exit code. */
export interface BareGitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs git in a bare repository with no hooks and no prompts, and hands back the exit code
 * with the output: `merge-tree` and `merge-base --is-ancestor` answer through their exit
 * codes (1 is "conflicts" or "no", not a failure). A code above 1 or a spawn error rejects.
 */
export function bareGit(
  repository: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
): Promise<BareGitResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'core.hooksPath=/dev/null', ...args],
      {
        cwd: repository,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env },
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) {
          const exit = (error as { code?: unknown }).code;
          code = typeof exit === 'number' ? exit : -1;
        }
        if (code === 0 || code === 1) {
          resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() });
          return;
        }
        reject(
          new Error(
            `git ${args[0]} failed: ${(stderr || error?.message || '').trim()}`,
          ),
        );
      },
    );
  });
}
