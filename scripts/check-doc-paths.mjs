#!/usr/bin/env node
// Fails when the docs or the catalog files mention a repository path that does not exist,
// so a runbook never tells someone to `kubectl apply` a file that was renamed or removed.
//
//   node scripts/check-doc-paths.mjs [repository root]
//
// A "repository path" is any token that starts with one of the top-level folders below
// (manifests/ai/ollama-deployment.yaml, docs/runbooks/, plugins/homelab-*) or is one of the
// root files below. Tokens inside URLs are not paths. `*` matches within one path segment.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOP_FOLDERS = ['manifests', 'docs', 'scripts', 'packages', 'plugins', 'templates', 'bench', 'e2e'];
const ROOT_FILES = ['mkdocs.yml', 'app-config.yaml', 'app-config.production.yaml', 'package.json', 'CONTRIBUTING.md'];
// Files a person creates for themselves and git ignores; docs may tell them to create one.
const USER_CREATED = [/\.local\.yaml$/];

const PATH_TOKEN = new RegExp(
  // not preceded by anything that would make the token part of a URL or a longer path
  String.raw`(?<![\w./:@~$-])` +
    `((?:${TOP_FOLDERS.join('|')})/[\\w./*@-]*|(?:${ROOT_FILES.map(f => f.replace(/\./g, '\\.')).join('|')})(?![\\w.-]))`,
  'g',
);

/** Files whose mentions are checked: the TechDocs pages, mkdocs.yml and the catalog files. */
export function filesToScan(root) {
  const found = [];
  const walk = (dir, keep) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full, keep);
      else if (keep(name)) found.push(full);
    }
  };
  walk(join(root, 'docs'), name => name.endsWith('.md'));
  walk(join(root, 'manifests'), name => name.endsWith('.yaml') || name.endsWith('.yml'));
  if (existsSync(join(root, 'mkdocs.yml'))) found.push(join(root, 'mkdocs.yml'));
  return found.sort();
}

function cleanToken(token) {
  // Sentence punctuation and markdown emphasis are not part of the path.
  return token.replace(/[.,:;)*]+$/, '').replace(/\*\*$/, '');
}

function globToRegExp(segment) {
  const escaped = segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}

/** Whether a repository-relative path (possibly with `*` segments or a trailing `/`) exists. */
export function repositoryPathExists(root, path) {
  const wantsDirectory = path.endsWith('/');
  const segments = path.split('/').filter(Boolean);
  let candidates = [root];
  for (const segment of segments) {
    const next = [];
    for (const dir of candidates) {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
      if (segment.includes('*')) {
        const pattern = globToRegExp(segment);
        for (const name of readdirSync(dir)) if (pattern.test(name)) next.push(join(dir, name));
      } else if (existsSync(join(dir, segment))) {
        next.push(join(dir, segment));
      }
    }
    candidates = next;
  }
  return candidates.some(c => !wantsDirectory || statSync(c).isDirectory());
}

/** Every mention of a missing path: `{ file, line, path }`, file relative to the root. */
export function findMissingPaths(root, files = filesToScan(root)) {
  const missing = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, index) => {
      for (const match of text.matchAll(PATH_TOKEN)) {
        const path = cleanToken(match[1]);
        if (USER_CREATED.some(p => p.test(path))) continue;
        if (!repositoryPathExists(root, path)) {
          missing.push({ file: relative(root, file), line: index + 1, path });
        }
      }
    });
  }
  return missing;
}

function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(process.argv[2] ?? join(here, '..'));
  const files = filesToScan(root);
  const missing = findMissingPaths(root, files);
  if (missing.length > 0) {
    console.error(`${missing.length} mention(s) of repository paths that do not exist:`);
    for (const m of missing) console.error(`  ${m.file}:${m.line}: ${m.path}`);
    console.error('Fix the path in the text, or create the file it names.');
    process.exit(1);
  }
  console.log(`check-doc-paths: every repository path mentioned in ${files.length} files exists`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
