// The image and npm test's production step build the backend one way: the Dockerfile's build
// stage runs exactly the commands scripts/lib/backendRecipe.mjs lists (which scripts/lib/bundle.mjs
// runs), the run stage takes that production tree, every file the image copies is in the build
// context, and the workflow builds this Dockerfile.
// node --test scripts/image-recipe.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseRecipeArgs, recipeCommands, RECIPE_SCRIPT } from './lib/backendRecipe.mjs';
import { ROOT } from './lib/processes.mjs';

const DOCKERFILE = 'packages/backend/Dockerfile';
const PRODUCTION_DIR = '/prod';

/** Instructions per stage: continuation lines joined, comment lines dropped (as Docker does). */
function parseDockerfile(text) {
  const stages = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line) || (!pending && !line.trim())) continue;
    pending += `${line.replace(/\\\s*$/, '')} `;
    if (/\\\s*$/.test(line)) continue;
    const [, keyword, rest] = /^\s*(\S+)\s+(.*)$/.exec(pending.trim());
    pending = '';
    if (keyword.toUpperCase() === 'FROM') {
      const [image, as, name] = rest.split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length) {
      stages.at(-1).instructions.push({ keyword: keyword.toUpperCase(), args: rest.trim() });
    }
  }
  return stages;
}

/** A shell-form RUN as its commands, each split on blanks (the recipe's commands have no quoting). */
const runCommands = stage =>
  stage.instructions
    .filter(i => i.keyword === 'RUN')
    .flatMap(i => i.args.split('&&').map(command => command.trim().split(/\s+/)));

/** .dockerignore's patterns as Docker reads them: from the context root, `**` any folders. */
function dockerIgnored(patterns, path) {
  const toRegExp = pattern =>
    new RegExp(
      `^${pattern
        .replace(/^\/+|\/+$/g, '')
        .split('/')
        .map(segment => (segment === '**' ? '(?:[^/]+/)*' : `${segment.replace(/[.+^${}()|[\]]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}/`))
        .join('')
        .replace(/\/$/, '')}(?:/.*)?$`,
    );
  return patterns.some(pattern => toRegExp(pattern).test(path));
}

const dockerfile = parseDockerfile(readFileSync(join(ROOT, DOCKERFILE), 'utf8'));
const buildStage = dockerfile.find(stage => stage.name === 'build');
const runStage = dockerfile.at(-1);

describe('packages/backend/Dockerfile', () => {
  it('builds the bundle with the commands the production test runs, in order, and nothing else', () => {
    assert.ok(buildStage, 'the Dockerfile has a stage named build');
    const expected = [
      // The repository's development install, which the test's checkout already has.
      ['npm', 'install', '--no-audit', '--no-fund'],
      ...Object.values(recipeCommands(PRODUCTION_DIR, 'compile')),
    ];
    assert.deepEqual(
      runCommands(buildStage),
      expected,
      `the build stage's RUN lines must be the recipe's commands (scripts/lib/backendRecipe.mjs); change the recipe, not the Dockerfile alone`,
    );
  });

  it('differs from the test only in how the native addons are built', () => {
    const image = recipeCommands(PRODUCTION_DIR, 'compile');
    const test = recipeCommands(PRODUCTION_DIR, 'copy');
    assert.deepEqual(Object.keys(image), Object.keys(test));
    for (const step of Object.keys(image)) {
      const differing = image[step].filter((arg, i) => arg !== test[step][i]);
      assert.deepEqual(differing, step === 'install' ? ['--native-addons=compile'] : [], step);
    }
  });

  it('is what scripts/lib/bundle.mjs runs: the recipe, no build or install command of its own', () => {
    const bundle = readFileSync(join(ROOT, 'scripts/lib/bundle.mjs'), 'utf8');
    assert.match(bundle, /recipeCommands\(dir, 'copy'\)/);
    for (const own of ['backstage-cli', "'npm'", "'tar'", 'yarn.lock']) {
      assert.ok(!bundle.includes(own), `scripts/lib/bundle.mjs runs ${own} itself; run it through ${RECIPE_SCRIPT}`);
    }
  });

  it('runs the production tree the build stage made, as an unprivileged uid', () => {
    const copies = runStage.instructions.filter(i => i.keyword === 'COPY').map(i => i.args);
    assert.ok(copies.includes(`--from=build ${PRODUCTION_DIR} ./`), `the run stage copies ${PRODUCTION_DIR} from the build stage`);
    const user = runStage.instructions.find(i => i.keyword === 'USER')?.args;
    assert.match(user ?? '', /^[1-9]\d*:[1-9]\d*$/, 'USER is a numeric, non-root uid:gid');
  });

  it('copies only files that the build context holds', () => {
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map(line => line.trim())
      .filter(line => line && !line.startsWith('#'));
    const sources = dockerfile
      .flatMap(stage => stage.instructions)
      .filter(i => i.keyword === 'COPY' && !i.args.startsWith('--from='))
      .flatMap(i => i.args.split(/\s+/).slice(0, -1))
      .filter(source => source !== '.');
    // What the recipe reads from the context besides the workspaces.
    const needed = [RECIPE_SCRIPT, 'scripts/build-frontend.mjs', 'scripts/lib/swapFolder.mjs', 'scripts/lib/backendRecipe.mjs', 'scripts/lib/processes.mjs', 'scripts/lib/yarn-stand-in/yarn'];
    for (const source of [...sources, ...needed]) {
      assert.ok(existsSync(join(ROOT, source)), `${source} does not exist`);
      assert.ok(!dockerIgnored(ignore, source), `.dockerignore excludes ${source}, which the image needs`);
    }
    assert.ok(dockerIgnored(ignore, 'packages/app/node_modules/x'), 'node_modules stay out of the context');
    assert.ok(dockerIgnored(ignore, 'data/bundle'), 'data stays out of the context');
  });
});

describe('.forgejo/workflows/image.yaml', () => {
  it('builds and pushes this Dockerfile from the repository root', () => {
    const workflow = parseYaml(readFileSync(join(ROOT, '.forgejo/workflows/image.yaml'), 'utf8'));
    const builds = Object.values(workflow.jobs)
      .flatMap(job => job.steps)
      .filter(step => step.uses?.startsWith('docker/build-push-action@'));
    assert.equal(builds.length, 1, 'one docker/build-push-action step');
    assert.equal(builds[0].with.file, DOCKERFILE);
    assert.equal(builds[0].with.context, '.');
  });
});

describe('scripts/build-backend-bundle.mjs arguments', () => {
  it('reads the Dockerfile steps', () => {
    assert.deepEqual(parseRecipeArgs(['build']), { step: 'build', root: undefined });
    assert.deepEqual(parseRecipeArgs(['install', '/prod', '--native-addons=compile']), { step: 'install', dir: '/prod', nativeAddons: 'compile' });
    assert.deepEqual(parseRecipeArgs(['unpack', '/prod']), { step: 'unpack', dir: '/prod' });
  });

  it('names the missing or wrong part', () => {
    assert.throws(() => parseRecipeArgs(['pack']), /unknown step "pack"/);
    assert.throws(() => parseRecipeArgs(['install', '/prod']), /--native-addons must be compile \(the image\) or copy \(the test\)/);
    assert.throws(() => parseRecipeArgs(['unpack']), /give the production folder/);
    assert.throws(() => parseRecipeArgs(['build', '--native-addons=copy']), /build: unknown option --native-addons/);
  });
});
