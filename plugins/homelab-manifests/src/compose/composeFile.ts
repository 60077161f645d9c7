import { parseDocument } from 'yaml';

export type ComposeService = Record<string, unknown>;

export interface ComposeFile {
  /** Service name -> its mapping (an empty mapping for `name:` with no body). */
  services: Record<string, ComposeService>;
}

/**
 * Parses compose YAML (anchors and `<<` merge keys included). Throws an Error that names
 * the problem when the text is not YAML or not a compose file.
 */
export function parseComposeFile(text: string): ComposeFile {
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
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new Error(`compose file cannot be read: ${(error as Error).message}`);
  }
  if (!isMapping(value) || !isMapping(value.services)) {
    throw new Error(
      'not a Docker Compose file: it has no top-level "services" mapping; paste a docker-compose.yml / compose.yaml',
    );
  }
  const services: Record<string, ComposeService> = {};
  for (const [name, body] of Object.entries(value.services)) {
    if (body !== null && !isMapping(body)) {
      throw new Error(
        `not a Docker Compose file: service "${name}" is not a mapping`,
      );
    }
    services[name] = (body ?? {}) as ComposeService;
  }
  if (Object.keys(services).length === 0) {
    throw new Error('compose file defines no services');
  }
  return { services };
}

/** The services of a compose file with their images, in file order. Throws like parseComposeFile. */
export function listComposeServices(
  compose: string | ComposeFile,
): { name: string; image?: string }[] {
  const file =
    typeof compose === 'string' ? parseComposeFile(compose) : compose;
  return Object.entries(file.services).map(([name, body]) =>
    typeof body.image === 'string' ? { name, image: body.image } : { name },
  );
}

/** The named service, or an Error listing the names that exist. */
export function findService(file: ComposeFile, name: string): ComposeService {
  if (Object.prototype.hasOwnProperty.call(file.services, name))
    return file.services[name];
  throw new Error(
    `service "${name}" is not in the compose file; it defines: ${Object.keys(
      file.services,
    ).join(', ')}`,
  );
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
