import { assertComposeShape, loadComposeYaml } from './normalize/load';

export type ComposeService = Record<string, unknown>;

export interface ComposeFile {
  /** Service name -> its mapping as written (an empty mapping for `name:` with no body). */
  services: Record<string, ComposeService>;
}

/**
 * Parses compose YAML (anchors and `<<` merge keys included) without normalizing it:
 * enough to list the services. Throws an Error that names the problem when the text is
 * not YAML or not a compose file.
 */
export function parseComposeFile(text: string): ComposeFile {
  const value = loadComposeYaml(text);
  assertComposeShape(value);
  const services: Record<string, ComposeService> = {};
  for (const [name, body] of Object.entries(value.services)) {
    services[name] = body ?? {};
  }
  return { services };
}

/** The services of a compose file with their images as written, in file order. Throws like parseComposeFile. */
export function listComposeServices(
  compose: string | ComposeFile,
): { name: string; image?: string }[] {
  const file =
    typeof compose === 'string' ? parseComposeFile(compose) : compose;
  return Object.entries(file.services).map(([name, body]) =>
    typeof body.image === 'string' ? { name, image: body.image } : { name },
  );
}

export { isMapping } from './normalize/load';
