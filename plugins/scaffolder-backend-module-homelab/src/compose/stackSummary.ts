import type { StackImport } from '@internal/homelab-manifests';

const ROLE: Record<string, string> = {
  deployment: 'Deployment',
  job: 'Job',
  init: 'init container',
  sidecar: 'container in another pod',
};

/** The stack at a glance, for the task's output: each service and how it runs, or why not. */
export function stackSummary(stack: StackImport): string {
  const lines = [
    `Namespace \`${stack.namespace}\` (Pod Security ${stack.podSecurity}), ${stack.services.length} services:`,
    '',
  ];
  for (const s of stack.services) {
    if (s.decision) {
      lines.push(
        `- \`${s.service}\`: not rendered; ${s.decision.fix} (${s.decision.reason})`,
      );
      continue;
    }
    const where = s.runsIn?.length ? ` of ${s.runsIn.join(', ')}` : '';
    const notes = s.unmapped.length
      ? `; ${s.unmapped.length} key(s) not carried over`
      : '';
    lines.push(`- \`${s.service}\`: ${ROLE[s.role]}${where}${notes}`);
  }
  return lines.join('\n');
}
