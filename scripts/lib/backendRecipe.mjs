// The production backend's build, as commands: packages/backend/Dockerfile runs them in its build
// stage and scripts/lib/bundle.mjs (npm test's production step) runs the same ones, so the image
// and the test build, install and unpack the bundle one way. scripts/image-recipe.test.mjs fails
// when the Dockerfile's RUN lines drift from these.

export const RECIPE_SCRIPT = 'scripts/build-backend-bundle.mjs';

/**
 * How the native addons of the production install get built for the Node that runs them. The
 * only difference between the image and the test: the image's build stage has the compilers and
 * compiles them (`compile`); the test copies the ones the repository's node_modules already built
 * for this Node (`copy`), which saves the compile on every lockfile change.
 */
export const NATIVE_ADDON_MODES = ['compile', 'copy'];

/** The steps, in order, that turn the repository into a production tree in `dir`. */
export function recipeCommands(dir, nativeAddons) {
  if (!NATIVE_ADDON_MODES.includes(nativeAddons)) {
    throw new Error(`nativeAddons: "${nativeAddons}" is not one of ${NATIVE_ADDON_MODES.join(', ')}`);
  }
  return {
    build: ['node', RECIPE_SCRIPT, 'build'],
    install: ['node', RECIPE_SCRIPT, 'install', dir, `--native-addons=${nativeAddons}`],
    unpack: ['node', RECIPE_SCRIPT, 'unpack', dir],
  };
}

const USAGE = `usage: node ${RECIPE_SCRIPT} build [--root <workspace>] | install <dir> --native-addons=compile|copy | unpack <dir>`;

/** The recipe script's arguments; a clear error for anything else. */
export function parseRecipeArgs(argv) {
  const [step, ...rest] = argv;
  const flags = new Map();
  const positional = [];
  for (let i = 0; i < rest.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(rest[i]);
    if (!match) positional.push(rest[i]);
    else flags.set(match[1], match[2] ?? rest[++i]);
  }
  const allowed = { build: ['root'], install: ['native-addons'], unpack: [] }[step];
  if (!allowed) throw new Error(`unknown step "${step ?? ''}"; ${USAGE}`);
  for (const name of flags.keys()) {
    if (!allowed.includes(name)) throw new Error(`${step}: unknown option --${name}; ${USAGE}`);
  }
  if (step === 'build') {
    if (positional.length) throw new Error(`build takes no folder; ${USAGE}`);
    return { step, root: flags.get('root') };
  }
  if (positional.length !== 1) throw new Error(`${step}: give the production folder, e.g. ${step} /prod; ${USAGE}`);
  if (step === 'unpack') return { step, dir: positional[0] };
  const nativeAddons = flags.get('native-addons');
  if (!NATIVE_ADDON_MODES.includes(nativeAddons)) {
    throw new Error(`install: --native-addons must be compile (the image) or copy (the test), got "${nativeAddons ?? ''}"`);
  }
  return { step, dir: positional[0], nativeAddons };
}
