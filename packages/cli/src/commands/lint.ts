import { Command, Option } from 'commander';
import {
  formatLintGithub,
  formatLintSarif,
  formatLintText,
  lintManifests,
  lintResultToJson,
  podSecurityLevels,
  proxyChecksOfPlans,
  readLintInputs,
} from '@internal/homelab-manifests';
import type { LintResult, PodSecurityLevel } from '@internal/homelab-manifests';
import { version } from '../../package.json';
import { readPlans } from './readPlans';

/** `--format`: text for people, json for scripts, github for workflow annotations, sarif for code scanning. */
const FORMATS: Record<string, (result: LintResult) => string> = {
  text: formatLintText,
  json: lintResultToJson,
  github: result => formatLintGithub(result),
  sarif: result => formatLintSarif(result, { toolVersion: version }),
};

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
        .choices(Object.keys(FORMATS))
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
    // Repeatable rather than variadic: a variadic option placed before the paths would take
    // them too (`--plans docs/phases manifests/` then had no paths left).
    .option(
      '--pod-cidr <cidr>',
      "the cluster's pod network (repeat for several), for ipBlock DNS rules (default k3s's 10.42.0.0/16)",
      repeated,
    )
    .option(
      '--plans <path>',
      "phase plans, a .md file or a folder (repeat for several): hold the portal's services/proxy grants to their http checks (rule portal-service-proxy)",
      repeated,
    )
    .option(
      '--portal-account <namespace/name>',
      "the portal's ServiceAccount for --plans",
      'portal/homelab-portal',
    )
    .action(
      (
        paths: string[],
        opts: {
          format: string;
          pssLevel: PodSecurityLevel;
          strict?: boolean;
          podCidr?: string[];
          plans?: string[];
          portalAccount: string;
        },
      ) => {
        const read = readLintInputs(paths);
        if (read.problems.length > 0) {
          read.problems.forEach(p => process.stderr.write(`${p}\n`));
          process.exitCode = 2;
          return;
        }
        const plans = opts.plans ? readPlans(opts.plans) : undefined;
        const [accountNamespace, accountName, extra] =
          opts.portalAccount.split('/');
        if (plans?.problems.length || !accountName || extra !== undefined) {
          plans?.problems.forEach(p => process.stderr.write(`${p}\n`));
          if (!accountName || extra !== undefined)
            process.stderr.write(
              `--portal-account ${opts.portalAccount}: write it as <namespace>/<name>, e.g. portal/homelab-portal\n`,
            );
          process.exitCode = 2;
          return;
        }
        let result;
        try {
          result = lintManifests(read.inputs, {
            pssLevel: opts.pssLevel,
            podCidrs: opts.podCidr,
            proxyChecks: plans && proxyChecksOfPlans(plans.plans),
            portalAccount: { namespace: accountNamespace, name: accountName },
          });
        } catch (error) {
          process.stderr.write(
            `${(error as Error).message.replace(
              /^podCidrs:/,
              '--pod-cidr:',
            )}\n`,
          );
          process.exitCode = 2;
          return;
        }
        process.stdout.write(FORMATS[opts.format](result));
        const failed =
          result.summary.error > 0 ||
          (opts.strict && result.summary.warning > 0);
        process.exitCode = failed ? 1 : 0;
      },
    );
}

function repeated(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
