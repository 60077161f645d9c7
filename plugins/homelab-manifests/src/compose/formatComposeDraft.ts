import { stringify } from 'yaml';
import type { ComposeImport } from './importComposeService';

/**
 * The draft spec as YAML, preceded by comments listing the warnings and the compose keys
 * that were not carried over, so a person reviews them before rendering.
 */
export function formatComposeDraft(
  result: ComposeImport,
  source: string,
): string {
  const lines = [
    `# Service spec drafted from ${source}. Review it, then: homelab render <this file> -o manifests`,
  ];
  if (result.secretKeys.length > 0) {
    lines.push(
      `# Secret variables (values not copied; create the Secret outside git): ${result.secretKeys.join(
        ', ',
      )}`,
    );
  }
  if (result.warnings.length > 0) {
    lines.push('#', '# Check:');
    result.warnings.forEach(w => lines.push(`#   - ${oneLine(w)}`));
  }
  if (result.unmapped.length > 0) {
    lines.push('#', '# Not carried over from compose:');
    result.unmapped.forEach(u =>
      lines.push(`#   - ${u.key}: ${oneLine(u.reason)}`),
    );
  }
  return `${lines.join('\n')}\n${stringify(result.spec, { lineWidth: 0 })}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
