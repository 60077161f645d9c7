import type { Finding, LintResult, Severity } from '../types';
import { artifactUri, relativeReportPath } from './reportPath';

/** The OASIS-published schema of SARIF 2.1.0 (errata 01), as `$schema`. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

export interface SarifFormatOptions {
  /** Folder artifact URIs are relative to (uriBaseId %SRCROOT%); default cwd. */
  baseDir?: string;
  /** driver.version, e.g. the CLI package's version. */
  toolVersion?: string;
}

/** Rules seen in the findings, sorted, each at the most severe level it was reported. */
function rulesOf(findings: Finding[]): { id: string; severity: Severity }[] {
  const rules = new Map<string, Severity>();
  for (const f of findings) {
    const seen = rules.get(f.rule);
    if (!seen || RANK[f.severity] > RANK[seen]) rules.set(f.rule, f.severity);
  }
  return [...rules]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, severity]) => ({ id, severity }));
}

/**
 * A SARIF 2.1.0 log of one run, for code-scanning uploads: every rule that reported is
 * listed in `tool.driver.rules`, each result points at its rule by id and index, and
 * locations are relative to `baseDir` under `%SRCROOT%`.
 */
export function formatLintSarif(
  result: LintResult,
  options: SarifFormatOptions = {},
): string {
  const baseDir = options.baseDir ?? process.cwd();
  const rules = rulesOf(result.findings);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'homelab lint',
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules: rules.map(r => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: `homelab lint rule ${r.id}` },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        results: result.findings.map(f => {
          const inside = relativeReportPath(f.file, baseDir) !== null;
          return {
            ruleId: f.rule,
            ruleIndex: index.get(f.rule),
            level: LEVEL[f.severity],
            message: { text: `${f.message}\nFix: ${f.fix}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: {
                    uri: artifactUri(f.file, baseDir),
                    ...(inside ? { uriBaseId: '%SRCROOT%' } : {}),
                  },
                  region: { startLine: f.line },
                },
              },
            ],
            properties: { kind: f.kind, name: f.name, namespace: f.namespace },
          };
        }),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
