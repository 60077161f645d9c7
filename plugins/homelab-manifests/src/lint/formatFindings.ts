import { formatSummaryLine } from './format/summary';
import type { LintResult } from './types';

/** `file:line  severity  rule  message` plus a `fix:` line per finding, then a summary. */
export function formatLintText(result: LintResult): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    lines.push(`${f.file}:${f.line}  ${f.severity}  ${f.rule}  ${f.message}`);
    lines.push(`  fix: ${f.fix}`);
  }
  lines.push(formatSummaryLine(result));
  return `${lines.join('\n')}\n`;
}

/** The stable JSON shape of `homelab lint --format json`. */
export function lintResultToJson(result: LintResult): string {
  return `${JSON.stringify(
    {
      files: result.files,
      objects: result.objects,
      findings: result.findings.map(f => ({
        rule: f.rule,
        severity: f.severity,
        file: f.file,
        line: f.line,
        kind: f.kind,
        name: f.name,
        namespace: f.namespace,
        message: f.message,
        fix: f.fix,
      })),
      summary: result.summary,
    },
    null,
    2,
  )}\n`;
}
