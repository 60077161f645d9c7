import { Command, Option } from 'commander';
import {
  formatLintText,
  lintManifests,
  lintResultToJson,
  podSecurityLevels,
  readLintInputs,
} from '@internal/homelab-manifests';
import type { PodSecurityLevel } from '@internal/homelab-manifests';

export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .description(
      'Lint Kubernetes manifests offline (schema, Pod Security, network and homelab rules)',
    )
    .argument(
      '<paths...>',
      'files or folders (folders are searched for .yaml/.yml)',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addOption(
      new Option(
        '--pss-level <level>',
        'Pod Security level for namespaces not in the input',
      )
        .choices([...podSecurityLevels])
        .default('restricted'),
    )
    .option('--strict', 'exit 1 on warnings too')
    .action(
      (
        paths: string[],
        opts: { format: string; pssLevel: PodSecurityLevel; strict?: boolean },
      ) => {
        const read = readLintInputs(paths);
        if (read.problems.length > 0) {
          read.problems.forEach(p => process.stderr.write(`${p}\n`));
          process.exitCode = 2;
          return;
        }
        const result = lintManifests(read.inputs, { pssLevel: opts.pssLevel });
        process.stdout.write(
          opts.format === 'json'
            ? lintResultToJson(result)
            : formatLintText(result),
        );
        const failed =
          result.summary.error > 0 ||
          (opts.strict && result.summary.warning > 0);
        process.exitCode = failed ? 1 : 0;
      },
    );
}
