import fs from 'node:fs';
import path from 'node:path';

/**
 * The markdown phase plans for `homelab lint --plans`: files as given and the .md files
 * of folders, recursively (skipping node_modules and dot-folders), in a stable order.
 */
export function readPlans(paths: string[]): {
  plans: Array<{ path: string; content: string }>;
  problems: string[];
} {
  const plans: Array<{ path: string; content: string }> = [];
  const problems: string[] = [];
  const walk = (dir: string) => {
    const entries = fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules')
          walk(full);
      } else if (entry.isFile() && entry.name.endsWith('.md')) {
        plans.push({ path: full, content: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  for (const p of paths) {
    try {
      if (fs.statSync(p).isDirectory()) walk(p);
      else plans.push({ path: p, content: fs.readFileSync(p, 'utf8') });
    } catch (error) {
      problems.push(
        `--plans ${p}: cannot be read (${
          (error as NodeJS.ErrnoException).code ?? error
        })`,
      );
    }
  }
  return { plans, problems };
}
