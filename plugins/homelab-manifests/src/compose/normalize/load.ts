import { parseDocument } from 'yaml';

/**
 * Parses compose YAML with anchors, aliases and `<<` merge keys resolved (the yaml
 * library's `merge: true`). Throws an Error naming the line when the text is not YAML.
 */
export function loadComposeYaml(text: string): unknown {
  const doc = parseDocument(text, {
    merge: true,
    prettyErrors: true,
    logLevel: 'error',
  });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new Error(
      `compose file is not valid YAML (line ${e.linePos?.[0].line ?? 1}: ${
        e.message.split('\n')[0]
      }); fix the syntax and paste the whole file`,
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new Error(`compose file cannot be read: ${(error as Error).message}`);
  }
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws unless the document has a `services` mapping of mappings. */
export function assertComposeShape(value: unknown): asserts value is {
  services: Record<string, Record<string, unknown> | null>;
} {
  if (!isMapping(value) || !isMapping(value.services)) {
    throw new Error(
      'not a Docker Compose file: it has no top-level "services" mapping; paste a docker-compose.yml / compose.yaml',
    );
  }
  for (const [name, body] of Object.entries(value.services)) {
    if (body !== null && !isMapping(body))
      throw new Error(
        `not a Docker Compose file: service "${name}" is not a mapping`,
      );
  }
  if (Object.keys(value.services).length === 0)
    throw new Error('compose file defines no services');
}
