// Runs one bench/*.bench.ts in this process and prints its rows as one JSON line.
require('@backstage/cli/config/nodeTransform.cjs');

const file = process.argv[2];
Promise.resolve()
  .then(() => require(file).run())
  .then(rows => {
    process.stdout.write(`\nBENCH_ROWS ${JSON.stringify(rows)}\n`);
    process.exit(0);
  })
  .catch(error => {
    process.stderr.write(`${file}: ${error.stack ?? error}\n`);
    process.exit(1);
  });
