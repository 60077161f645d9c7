/**
 * Container image references as github.com/distribution/reference defines them (the parser the
 * kubelet's container runtime applies to `image:`), in one place: the service spec, the lint
 * rule, the compose importer and the templates' JSON-Schema `pattern` all derive from the pieces
 * below.
 *
 * Not @swimlane/docker-reference: its separator `[-]*` can match the empty string inside a
 * repeated group, so JavaScript's backtracking engine takes seconds on a 17-character
 * non-matching name (and minutes at 20); it also lacks `[IPv6]` hosts and go-digest's
 * lower-case hex rule. Every piece here is written so a backtracking engine stays linear.
 */

const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|-+)';
const pathComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
// The spec's [a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9], without the overlapping choice.
const domainComponent = '[a-zA-Z0-9](?:-*[a-zA-Z0-9])*';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const ipv6Address = '\\[[a-fA-F0-9:]+\\]';
const domainAndPort = `(?:${domainName}|${ipv6Address})(?::[0-9]+)?`;
const tag = '\\w[\\w.-]{0,127}';
// go-digest's registered algorithms with their hex lengths (upper-case hex is refused).
const DIGEST_ALGORITHMS: Record<string, number> = {
  sha256: 64,
  sha384: 96,
  sha512: 128,
};
const digest = Object.entries(DIGEST_ALGORITHMS)
  .map(([algorithm, length]) => `${algorithm}:[a-f0-9]{${length}}`)
  .join('|');
const digestShape =
  '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
// A bare 64-hex string is an image ID, not a name (ParseNormalizedNamed refuses it).
const notAnIdentifier = '(?![a-f0-9]{64}$)';
const name = `${notAnIdentifier}(?:${domainAndPort}/)?${remoteName}`;

/** Any reference the runtime accepts (floating tags included), as an ECMAScript pattern. */
export const IMAGE_REFERENCE_PATTERN = `^${name}(?::${tag})?(?:@(?:${digest}))?$`;

/**
 * A reference that is pinned: a tag other than "latest", or a digest. The templates' `image`
 * fields carry exactly this pattern. Path length (at most 255 characters after the registry)
 * is left to the parser.
 */
export const PINNED_IMAGE_REFERENCE_PATTERN = `^${name}(?::(?!latest$)${tag}|(?::${tag})?@(?:${digest}))$`;

export const REPOSITORY_PATH_MAX_LENGTH = 255;

const anchored = (source: string) => new RegExp(`^(?:${source})$`);
const DOMAIN = anchored(domainAndPort);
const REMOTE_NAME = anchored(remoteName);
const PATH_COMPONENT = anchored(pathComponent);
const TAG = anchored(tag);
const DIGEST = anchored(digest);
const DIGEST_SHAPE = anchored(digestShape);
const IDENTIFIER = /^[a-f0-9]{64}$/;

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';

export interface ImageReference {
  /** The name as written, without tag and digest: "redis", "quay.io/minio/minio". */
  repository: string;
  /** Registry host[:port] after normalisation: "docker.io" for "redis". */
  domain: string;
  /** Repository path on that registry after normalisation: "library/redis". */
  path: string;
  tag?: string;
  digest?: string;
}

export type ParsedImageReference =
  | { ok: true; reference: ImageReference }
  | { ok: false; problem: string };

export interface ImageParts {
  repository: string;
  tag?: string;
  digest?: string;
}

/** Name, tag and digest by position; no part may contain another part's separator. */
export function splitImageParts(image: string): ImageParts {
  const at = image.indexOf('@');
  const nameAndTag = at >= 0 ? image.slice(0, at) : image;
  const digestPart = at >= 0 ? image.slice(at + 1) : undefined;
  const colon = nameAndTag.lastIndexOf(':');
  if (colon > nameAndTag.lastIndexOf('/')) {
    return {
      repository: nameAndTag.slice(0, colon),
      tag: nameAndTag.slice(colon + 1),
      digest: digestPart,
    };
  }
  return { repository: nameAndTag, digest: digestPart };
}

/**
 * distribution/reference's splitDockerDomain: the first segment is a registry host when it is
 * "localhost", has "." or ":" or upper case; otherwise the name is on Docker Hub, where a
 * single-segment name lives under "library/". `written` is the path as the user wrote it.
 */
function splitDomain(repository: string): {
  domain: string;
  path: string;
  written: string;
} {
  const slash = repository.indexOf('/');
  const first = slash < 0 ? '' : repository.slice(0, slash);
  const rest = repository.slice(slash + 1);
  let domain = DEFAULT_DOMAIN;
  let written = repository;
  if (first === LEGACY_DEFAULT_DOMAIN) {
    written = rest;
  } else if (
    first === 'localhost' ||
    /[.:]/.test(first) ||
    first !== first.toLowerCase()
  ) {
    [domain, written] = [first, rest];
  }
  const path =
    domain === DEFAULT_DOMAIN && !written.includes('/')
      ? OFFICIAL_PREFIX + written
      : written;
  return { domain, path, written };
}

function pathProblem(path: string): string | undefined {
  if (path !== path.toLowerCase()) {
    return `has upper-case letters in its repository path "${path}"; repository paths are lower case (only the tag may use upper case), e.g. "${path.toLowerCase()}"`;
  }
  for (const component of path.split('/')) {
    if (component === '') {
      return `has an empty path component in "${path}" (a leading, trailing or doubled "/")`;
    }
    if (!PATH_COMPONENT.test(component)) {
      return `has an invalid path component "${component}": use lower-case letters and digits, joined by single ".", "_" or "__", or by "-"`;
    }
  }
  return undefined;
}

function digestProblem(value: string): string | undefined {
  if (DIGEST.test(value)) return undefined;
  const algorithm = value.slice(0, Math.max(0, value.indexOf(':')));
  const length = DIGEST_ALGORITHMS[algorithm];
  const hex = value.slice(algorithm.length + 1);
  let why = 'use @sha256: followed by 64 lower-case hex digits';
  if (length === undefined && DIGEST_SHAPE.test(value)) {
    why = `the algorithm "${algorithm}" is not supported; use sha256, sha384 or sha512`;
  } else if (length !== undefined && /^[0-9a-f]*$/.test(hex)) {
    why = `${algorithm} needs ${length} hex digits, not ${hex.length}`;
  } else if (length !== undefined && /^[0-9a-fA-F]+$/.test(hex)) {
    why = 'write the hex digits in lower case';
  }
  return `has a malformed digest "${value}"; ${why}`;
}

/**
 * Parses an image reference the way the container runtime does (distribution/reference's
 * ParseNormalizedNamed), or says which part is wrong.
 */
export function parseImageReference(image: string): ParsedImageReference {
  const fail = (problem: string): ParsedImageReference => ({
    ok: false,
    problem: `"${image}" ${problem}`,
  });
  if (image === '') {
    return {
      ok: false,
      problem: 'the image is empty; give e.g. ghcr.io/owner/app:1.2.3',
    };
  }
  if (IDENTIFIER.test(image)) {
    return fail(
      'is a 64-hex image ID, not a name; give repository:tag or repository@sha256:<digest>',
    );
  }
  if (/\s/.test(image)) return fail('contains white space');
  if (image.split('@').length > 2) return fail('has more than one "@"');
  const parts = splitImageParts(image);
  if (parts.repository === '')
    return fail('has no repository name before the tag or digest');
  const split = splitDomain(parts.repository);
  let { domain, path } = split;
  if (!DOMAIN.test(domain) || !REMOTE_NAME.test(path)) {
    const whole = `${domain}/${path}`;
    if (REMOTE_NAME.test(whole)) {
      // What distribution/reference does with e.g. "my_registry.lan/app": all of it is a path.
      [domain, path] = ['', whole];
    } else if (!DOMAIN.test(domain)) {
      return fail(
        `has an invalid registry host "${domain}": use a host name, IPv4 or [IPv6] address with an optional :port`,
      );
    } else {
      return fail(pathProblem(split.written) ?? 'is not an image reference');
    }
  }
  if (path.length > REPOSITORY_PATH_MAX_LENGTH) {
    return fail(
      `has a repository path of ${path.length} characters; the limit is ${REPOSITORY_PATH_MAX_LENGTH}`,
    );
  }
  if (parts.tag !== undefined && !TAG.test(parts.tag)) {
    return fail(
      `has an invalid tag "${parts.tag}": up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"`,
    );
  }
  if (parts.digest !== undefined) {
    const problem = digestProblem(parts.digest);
    if (problem) return fail(problem);
  }
  return {
    ok: true,
    reference: { ...parts, domain, path },
  };
}
