import type { RenderedFile } from '../../render/renderManifests';
import { portalProbeDeclaration } from '../../spec/portalProbe';
import type { NormalizedCompose } from '../normalize';
import type { StackImport, StackService } from './types';

const ROLE: Record<StackService['role'], string> = {
  deployment: 'Deployment',
  job: 'Job (one-shot)',
  init: 'init container',
  sidecar: 'container sharing the network',
};

/** The stack's phase plan, cutover and rollback runbooks and the per-service report. */
export function stackDocuments(
  stack: StackImport,
  compose: NormalizedCompose,
): RenderedFile[] {
  const order = startOrder(compose, stack.services);
  return [
    {
      path: `${stack.namespace}/MIGRATION.md`,
      content: phasePlan(stack, compose.name),
    },
    {
      path: `${stack.namespace}/runbooks/cutover.md`,
      content: cutover(stack, order),
    },
    {
      path: `${stack.namespace}/runbooks/rollback.md`,
      content: rollback(stack, order),
    },
    { path: `${stack.namespace}/REPORT.md`, content: report(stack) },
  ];
}

/** Services with their dependencies first (depends_on, compose's start order). */
function startOrder(
  compose: NormalizedCompose,
  services: StackService[],
): StackService[] {
  const byName = new Map(services.map(s => [s.service, s]));
  const done = new Set<string>();
  const order: StackService[] = [];
  const visit = (name: string, path: string[]) => {
    if (done.has(name) || path.includes(name) || !byName.has(name)) return;
    for (const dep of Object.keys(compose.services[name]?.depends_on ?? {}))
      visit(dep, [...path, name]);
    done.add(name);
    order.push(byName.get(name)!);
  };
  services.forEach(s => visit(s.service, []));
  return order;
}

function phasePlan(stack: StackImport, project?: string): string {
  const ns = stack.namespace;
  const decisions = stack.services.filter(s => s.decision);
  const lines = [
    `# Phase: Migrate the ${project ?? ns} compose stack`,
    '',
    '> **Status:** Planned',
    `> **Topics:** compose migration, namespace \`${ns}\`, NetworkPolicy, Secrets`,
    '',
    `> **Purpose:** Move the ${stack.services.length} services of the compose project into the namespace \`${ns}\` (Pod Security \`${stack.podSecurity}\`), drafted by \`homelab compose-import --all\`.`,
    '',
    '---',
    '',
    '## Tasks',
    '',
    '### 1 Prepare',
    '',
  ];
  let n = 0;
  const task = (prefix: string, text: string) =>
    lines.push(`- [ ] ${prefix}.${++n} ${text}`);
  for (const s of decisions)
    task(
      '1',
      `Decide for \`${s.service}\`: ${s.decision!.fix} (${s.decision!.reason})`,
    );
  task('1', `Read \`${ns}/REPORT.md\`: what each service did not carry over`);
  const secrets = stack.services.filter(
    s => !s.decision && (s.draft?.secretKeys.length ?? 0) > 0,
  );
  for (const s of secrets)
    task(
      '1',
      `Create the Secret \`${s.name}-env\` (${s.draft!.secretKeys.join(
        ', ',
      )}) outside git (SOPS or an ExternalSecret)`,
    );
  task('1', `Lint: \`npx homelab lint ${ns}/\``);
  lines.push('', '### 2 Services', '');
  n = 0;
  for (const s of stack.services) {
    if (s.decision) {
      task(
        '2',
        `\`${s.service}\`: waits for the decision above; not rendered yet`,
      );
      continue;
    }
    const where = s.runsIn?.length
      ? ` in the pod of ${s.runsIn.map(r => `\`${r}\``).join(', ')}`
      : '';
    const claims =
      s.draft?.spec.storage?.map(v => `\`${s.name}-${v.name}\``) ?? [];
    task(
      '2',
      `\`${s.service}\` (${ROLE[s.role]}${where}): review \`${ns}/${s.name}/\`${
        claims.length ? `; copy the data into ${claims.join(', ')}` : ''
      }`,
    );
  }
  lines.push('', '### 3 Cutover', '');
  n = 0;
  task('3', `Follow \`${ns}/runbooks/cutover.md\``);
  task(
    '3',
    'Check every service against the compose stack before switching clients over',
  );
  lines.push(...liveChecks(stack));
  lines.push('', '### 4 Rollback', '');
  n = 0;
  task('4', `If anything fails: \`${ns}/runbooks/rollback.md\``);
  return `${lines.join('\n')}\n`;
}

/**
 * Sub-items the portal checks against the cluster while the stack is cut
 * over (docs/runbooks/cutover-checks.md): each rendered Deployment available
 * and every claim Bound, also those of jobs and of containers sharing a pod, and
 * a Deployment with an HTTP healthcheck answering it through the service proxy
 * (its render holds the Role that allows it).
 */
function liveChecks(stack: StackImport): string[] {
  const ns = stack.namespace;
  return stack.services
    .filter(s => !s.decision)
    .flatMap(s => [
      ...(s.role === 'deployment'
        ? [
            `    - [ ] \`deploy/${s.name}\` is available <!-- check: deployment namespace=${ns} name=${s.name} -->`,
          ]
        : []),
      ...(s.role === 'deployment' && s.draft?.spec.portalProbe
        ? [
            `    - [ ] \`${s.name}\` answers \`${
              s.draft.spec.portalProbe.path ?? '/'
            }\` <!-- ${portalProbeDeclaration(
              ns,
              s.name,
              s.draft.spec.portalProbe,
            )} -->`,
          ]
        : []),
      ...(s.draft?.spec.storage ?? []).map(
        v =>
          `    - [ ] The volume \`${s.name}-${v.name}\` is Bound <!-- check: pvc namespace=${ns} name=${s.name}-${v.name} -->`,
      ),
    ]);
}

function cutover(stack: StackImport, order: StackService[]): string {
  const ns = stack.namespace;
  const running = order.filter(s => !s.decision);
  const lines = [
    `# Cutover: ${ns}`,
    '',
    'Services in start order (dependencies first, as `depends_on` says).',
    '',
    '1. Stop writes on the compose side: `docker compose stop` (keeps the containers for a rollback).',
    `2. Copy the data of every bind mount and volume into its claim (see \`${ns}/REPORT.md\`).`,
    `3. Create the Secrets listed in \`${ns}/MIGRATION.md\`.`,
    `4. Apply: \`kubectl apply -k ${ns}/\``,
    '5. Wait for each workload in this order:',
    '',
  ];
  for (const s of running) {
    if (s.role === 'deployment')
      lines.push(
        `   - \`kubectl -n ${ns} rollout status deployment/${s.name}\``,
      );
    else if (s.role === 'job')
      lines.push(
        `   - \`kubectl -n ${ns} wait --for=condition=complete job/${s.name}\``,
      );
  }
  lines.push(
    '',
    '6. Check each service works, then point clients (DNS, bookmarks) at the cluster.',
    '',
  );
  return lines.join('\n');
}

function rollback(stack: StackImport, order: StackService[]): string {
  const ns = stack.namespace;
  const lines = [
    `# Rollback: ${ns}`,
    '',
    '1. Point clients back at the compose host.',
    `2. Scale the cluster side to zero, last started first:`,
    '',
  ];
  for (const s of [...order].reverse())
    if (!s.decision && s.role === 'deployment')
      lines.push(
        `   - \`kubectl -n ${ns} scale deployment/${s.name} --replicas=0\``,
      );
  lines.push(
    '',
    '3. Start the compose stack again: `docker compose start` (or `docker compose up -d`).',
    `4. Keep the claims until the stack is migrated again; \`kubectl delete -k ${ns}/\` removes them with everything else.`,
    '',
  );
  return lines.join('\n');
}

function report(stack: StackImport): string {
  const lines = [
    `# What the import of ${stack.namespace} did not carry over`,
    '',
  ];
  for (const [name, profiles] of Object.entries(stack.inactive))
    lines.push(
      `- \`${name}\`: left out, its profiles (${profiles.join(
        ', ',
      )}) are not active`,
    );
  if (Object.keys(stack.inactive).length) lines.push('');
  for (const s of stack.services) {
    lines.push(
      `## ${s.service}`,
      '',
      `${ROLE[s.role]}, Pod Security ${s.podSecurity}`,
      '',
    );
    if (s.decision)
      lines.push(
        `- **Needs a decision:** ${s.decision.reason}. Fix: ${s.decision.fix}`,
      );
    for (const u of s.unmapped) lines.push(`- \`${u.key}\`: ${u.reason}`);
    for (const w of s.warnings) lines.push(`- check: ${w}`);
    if (s.draft?.secretKeys.length)
      lines.push(
        `- secret variables (values not copied): ${s.draft.secretKeys.join(
          ', ',
        )}`,
      );
    lines.push('');
  }
  return lines.join('\n');
}
