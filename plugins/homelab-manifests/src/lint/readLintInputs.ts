import fs from 'node:fs';
import path from 'node:path';
import { OutsideRootError, safeChildPath } from '../paths/safeChildPath';
import type { LintInput } from './types';

/** A file read for the lint, with the folder given on the command line it was found in. */
export interface RootedLintInput extends LintInput {
  /**
   * The folder given (or a given file's own folder): paths named inside the file, such
   * as kustomization resources, must stay in it.
   */
  root: string;
}

export interface ReadResult {
  inputs: RootedLintInput[];
  /** One sentence per path that could not be read. */
  problems: string[];
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * Reads files and, recursively, the .yaml/.yml files of directories (skipping
 * node_modules and dot-folders), in a stable order. The paths given are the caller's
 * own and read as given; inside a given folder, links to folders are not followed, a
 * link to a file is read only when its real path stays in that folder, and FIFOs,
 * sockets and devices are never opened.
 */
export function readLintInputs(paths: string[]): ReadResult {
  const result: ReadResult = { inputs: [], problems: [] };
  const seen = new Set<string>();
  const addFile = (file: string, root: string) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    try {
      result.inputs.push({
        path: file,
        content: fs.readFileSync(file, 'utf8'),
        root,
      });
    } catch (error) {
      result.problems.push(
        `${file}: cannot be read (${
          (error as NodeJS.ErrnoException).code ?? error
        })`,
      );
    }
  };
  const addLink = (link: string, root: string) => {
    let real: string;
    try {
      real = safeChildPath(root, path.relative(root, link));
    } catch (error) {
      if (!(error instanceof OutsideRootError)) throw error;
      result.problems.push(
        `${link}: is a link to a place outside ${root}; not read. Lint the file where it is, or replace the link with a copy`,
      );
      return;
    }
    // A dangling link is reported by addFile; anything but a regular file is skipped.
    if (!fs.existsSync(real) || fs.statSync(real).isFile()) addFile(link, root);
  };
  const walk = (dir: string, root: string) => {
    const entries = fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules')
          walk(full, root);
      } else if (!YAML_FILE.test(entry.name)) {
        continue;
      } else if (entry.isFile()) {
        addFile(full, root);
      } else if (entry.isSymbolicLink()) {
        addLink(full, root);
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
        walk(p, p);
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
      addFile(p, path.dirname(p));
    }
  }
  return result;
}
