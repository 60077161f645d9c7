import { execFileSync } from 'node:child_process';

/**
 * `git <args>` in `cwd` for tests that build repositories: hooks off, a fixed test
 * identity (so commits need no user config), trimmed stdout.
 */
export function testGit(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@test.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@test.invalid',
    },
  }).trim();
}
