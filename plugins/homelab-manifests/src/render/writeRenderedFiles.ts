import fs from 'node:fs';
import path from 'node:path';
import type { RenderedFile } from './renderManifests';

export interface WriteResult {
  /** Relative paths written (new or overwritten). */
  written: string[];
  /** Relative paths whose existing content was already identical. */
  unchanged: string[];
  /** Relative paths that exist with other content; nothing is written when any exist without force. */
  conflicts: string[];
}

/**
 * Writes a rendered set below `outDir`. Without `force`, existing files with different
 * content are conflicts and nothing at all is written, so a refusal never leaves a
 * half-updated folder. Identical files are left alone.
 */
export function writeRenderedFiles(
  outDir: string,
  files: RenderedFile[],
  options: { force?: boolean } = {},
): WriteResult {
  const result: WriteResult = { written: [], unchanged: [], conflicts: [] };
  const pending: Array<{ target: string; file: RenderedFile }> = [];
  const root = path.resolve(outDir);
  for (const file of files) {
    const target = path.resolve(root, file.path);
    if (!target.startsWith(`${root}${path.sep}`)) {
      throw new Error(`refusing to write ${file.path} outside ${outDir}`);
    }
    if (fs.existsSync(target)) {
      if (fs.readFileSync(target, 'utf8') === file.content) {
        result.unchanged.push(file.path);
        continue;
      }
      result.conflicts.push(file.path);
    }
    pending.push({ target, file });
  }
  if (result.conflicts.length > 0 && !options.force) return result;
  for (const { target, file } of pending) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.content);
    fs.renameSync(temporary, target);
    result.written.push(file.path);
  }
  return result;
}
