import { Document } from 'yaml';
import type { ComposeImport } from './importComposeService';

/**
 * The draft spec as YAML, preceded by comments listing the warnings and the compose keys
 * that were not carried over, so a person reviews them before rendering.
 *
 * The whole draft comes out of one YAML serializer: the spec is a Document value and the
 * notes are its leading comment, each note squeezed onto one comment line. Whatever a
 * compose key or value holds (newlines, "#", ": ", quotes, YAML indicators), it cannot
 * add a key to the draft or end a comment early.
 */
export function formatComposeDraft(
  result: Pick<ComposeImport, 'spec' | 'secretKeys' | 'warnings' | 'unmapped'>,
  source: string,
): string {
  const lines = [
    `Service spec drafted from ${oneLine(
      source,
    )}. Review it, then: homelab render <this file> -o manifests`,
  ];
  if (result.secretKeys.length > 0) {
    lines.push(
      `Secret variables (values not copied; create the Secret outside git): ${oneLine(
        result.secretKeys.join(', '),
      )}`,
    );
  }
  if (result.warnings.length > 0) {
    lines.push('', 'Check:');
    result.warnings.forEach(w => lines.push(`  - ${oneLine(w)}`));
  }
  if (result.unmapped.length > 0) {
    lines.push('', 'Not carried over from compose:');
    result.unmapped.forEach(u =>
      lines.push(`  - ${oneLine(u.key)}: ${oneLine(u.reason)}`),
    );
  }
  const doc = new Document(result.spec, { aliasDuplicateObjects: false });
  doc.commentBefore = lines.map(line => (line ? ` ${line}` : '')).join('\n');
  // block scalars are off: the yaml library drops a leading space of " \n" in them
  return doc.toString({ lineWidth: 0, blockQuote: false });
}

/**
 * One comment line: every line break YAML or an editor knows (\n, \r, NEL, LS, PS) and
 * every other control character becomes a space.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}
