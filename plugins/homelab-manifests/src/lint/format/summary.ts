import type { LintResult } from '../types';

/** `N file(s), N object(s): N error(s), N warning(s), N info`, shared by the text formats. */
export function formatSummaryLine(result: LintResult): string {
  const { error, warning, info } = result.summary;
  return `${result.files} file(s), ${result.objects} object(s): ${error} error(s), ${warning} warning(s), ${info} info`;
}
