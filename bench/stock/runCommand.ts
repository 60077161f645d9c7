import { spawn } from 'node:child_process';

/** Runs a command to its end; its output goes to stderr (the bench's progress), stdout stays for rows. */
export function runCommand(
  argv: string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): Promise<void> {
  process.stderr.write(
    `[stock-comparison] ${options.cwd}$ ${argv.join(' ')}\n`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.once('error', reject);
    child.once('exit', code =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `${argv.join(' ')} in ${
                options.cwd
              } failed (exit ${code}); its output is above`,
            ),
          ),
    );
  });
}
