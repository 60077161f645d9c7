import fs from 'node:fs';
import path from 'node:path';
import type { LintInput } from './types';

export interface ReadResult {
  inputs: LintInput[];
  /** One sentence per path that could not be read. */
  problems: string[];
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * Reads files and, recursively, the .yaml/.yml files of directories (skipping
 * node_modules and dot-folders), in a stable order.
 */
export function readLintInputs(paths: string[]): ReadResult {
  const result: ReadResult = { inputs: [], problems: [] };
  const seen = new Set<string>();
  const addFile = (file: string) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    try {
      result.inputs.push({
        path: file,
        content: fs.readFileSync(file, 'utf8'),
      });
    } catch (error) {
      result.problems.push(
        `${file}: cannot be read (${
          (error as NodeJS.ErrnoException).code ?? error
        })`,
      );
    }
  };
  const walk = (dir: string) => {
    const entries = fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules')
          walk(full);
      } else if (YAML_FILE.test(entry.name)) {
        addFile(full);
      }
    }
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      result.problems.push(`${p}: no such file or directory`);
      continue;
    }
    if (stat.isDirectory()) {
      const before = result.inputs.length;
      try {
        walk(p);
      } catch (error) {
        result.problems.push(
          `${p}: cannot be read (${
            (error as NodeJS.ErrnoException).code ?? error
          })`,
        );
      }
      if (result.inputs.length === before)
        result.problems.push(`${p}: contains no .yaml or .yml files`);
    } else {
      addFile(p);
    }
  }
  return result;
}
