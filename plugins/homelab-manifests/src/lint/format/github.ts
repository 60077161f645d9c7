import type { LintResult, Severity } from '../types';
import { relativeReportPath } from './reportPath';
import { formatSummaryLine } from './summary';

/** GitHub (and Forgejo/Gitea Actions) workflow commands per severity. */
const COMMAND: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

// Escaping as GitHub's actions/toolkit `command.ts` does it (the "workflow commands" docs).
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface GithubFormatOptions {
  /** Folder file properties are made relative to (the job's checkout); default cwd. */
  baseDir?: string;
}

/**
 * One `::error file=…,line=…,title=<rule>::<message>` workflow command per finding
 * (warnings as `::warning`, info as `::notice`), then the plain summary line. Findings
 * carry no column, so no `col` property is written.
 */
export function formatLintGithub(
  result: LintResult,
  options: GithubFormatOptions = {},
): string {
  const baseDir = options.baseDir ?? process.cwd();
  const lines = result.findings.map(f => {
    const file = relativeReportPath(f.file, baseDir) ?? f.file;
    const properties = [
      `file=${escapeProperty(file)}`,
      `line=${f.line}`,
      `title=${escapeProperty(f.rule)}`,
    ].join(',');
    const message = escapeData(`${f.message}\nfix: ${f.fix}`);
    return `::${COMMAND[f.severity]} ${properties}::${message}`;
  });
  lines.push(formatSummaryLine(result));
  return `${lines.join('\n')}\n`;
}
