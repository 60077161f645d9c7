import { lintManifests } from '../lintManifests';
import { formatLintSarif, SARIF_SCHEMA_URI } from './sarif';
import { PRIVILEGED_DEPLOYMENT, resultOf } from './fixtures';

const sarifOf = (...args: Parameters<typeof formatLintSarif>) =>
  JSON.parse(formatLintSarif(...args));

describe('formatLintSarif', () => {
  it('writes a SARIF 2.1.0 log whose results point at their rules and lines', () => {
    const result = lintManifests(
      [{ path: 'manifests/media/web.yaml', content: PRIVILEGED_DEPLOYMENT }],
      { pssLevel: 'baseline' },
    );
    const log = sarifOf(result, { baseDir: '/repo', toolVersion: '1.2.3' });
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    expect(run.tool.driver).toMatchObject({
      name: 'homelab lint',
      version: '1.2.3',
    });
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(new Set(ruleIds)).toEqual(new Set(result.findings.map(f => f.rule)));
    expect(run.results).toHaveLength(result.findings.length);
    for (const r of run.results) {
      expect(ruleIds[r.ruleIndex]).toBe(r.ruleId);
      expect(typeof r.message.text).toBe('string');
    }
    const privileged = run.results.find(
      (r: { ruleId: string }) => r.ruleId === 'pss/privileged',
    );
    expect(privileged).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: 'manifests/media/web.yaml',
              uriBaseId: '%SRCROOT%',
            },
            region: { startLine: 15 },
          },
        },
      ],
    });
  });

  it('maps severities to SARIF levels: error, warning, note', () => {
    const levels = (['error', 'warning', 'info'] as const).map(
      severity => sarifOf(resultOf({ severity })).runs[0].results[0].level,
    );
    expect(levels).toEqual(['error', 'warning', 'note']);
  });

  it('lists each rule once, at the most severe level it reported', () => {
    const result = resultOf({ severity: 'warning' });
    result.findings.push({ ...result.findings[0], severity: 'error', line: 9 });
    const { rules } = sarifOf(result).runs[0].tool.driver;
    expect(rules).toEqual([
      expect.objectContaining({
        id: 'container-image-tag',
        defaultConfiguration: { level: 'error' },
      }),
    ]);
  });

  it('percent-encodes relative URIs and gives files outside the checkout a file: URL', () => {
    const spaced = sarifOf(resultOf({ file: '/repo/my apps/x#1.yaml' }), {
      baseDir: '/repo',
    }).runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    expect(spaced).toEqual({
      uri: 'my%20apps/x%231.yaml',
      uriBaseId: '%SRCROOT%',
    });
    const outside = sarifOf(resultOf({ file: '/elsewhere/x.yaml' }), {
      baseDir: '/repo',
    }).runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    expect(outside).toEqual({ uri: 'file:///elsewhere/x.yaml' });
  });

  it('writes an empty results list and no rules for a clean run', () => {
    const log = sarifOf({
      files: 1,
      objects: 0,
      findings: [],
      summary: { error: 0, warning: 0, info: 0 },
    });
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toEqual([]);
  });
});
