// kubernetes-models publishes ESM with "import"-only package exports, which Jest's
// CommonJS resolver cannot see. Resolve just those packages with the "import" condition;
// Jest then transpiles the files like any other node_modules code.
const ESM_ONLY = /^(kubernetes-models|@kubernetes-models\/[^/]+)(\/|$)/;

module.exports = (request, options) =>
  options.defaultResolver(
    request,
    ESM_ONLY.test(request)
      ? { ...options, conditions: ['import', 'node', 'default'] }
      : options,
  );
