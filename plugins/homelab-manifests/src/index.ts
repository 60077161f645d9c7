/**
 * Service spec -> manifest set, offline schema validation and lint rules for the
 * homelab's Kubernetes manifests. Plain Node library: no Backstage imports.
 *
 * @packageDocumentation
 */
export {
  serviceSpecSchema,
  podSecurityLevels,
  isLoopbackUrl,
} from './spec/serviceSpec';
export type {
  ServiceSpec,
  ServiceSpecInput,
  PodSecurityLevel,
} from './spec/serviceSpec';
export {
  parseServiceSpec,
  parseServiceSpecYaml,
  assertServiceSpec,
  formatPath,
} from './spec/parseServiceSpec';
export type { SpecProblem, SpecParseResult } from './spec/parseServiceSpec';
export {
  GATEWAY_DATA_PLANES,
  gatewayDataPlaneSchema,
  withGatewayDataPlane,
} from './spec/gateway';
export type {
  GatewayDataPlane,
  GatewayDataPlanePreset,
  GatewayProxyPods,
} from './spec/gateway';
export {
  renderManifests,
  renderManifestSet,
  DEFAULT_BASE_DOMAIN,
} from './render/renderManifests';
export type {
  RenderedFile,
  RenderOptions,
  RenderResult,
} from './render/renderManifests';
export { knownServicesFrom, readKnownServices } from './render/knownServices';
export type { KnownServices } from './render/knownServices';
export {
  DEFAULT_POD_CIDRS,
  DEFAULT_CLUSTER_DNS,
} from './lint/network/clusterNetwork';
export {
  quantityProblem,
  dnsLabelProblem,
  hostnameProblem,
  imageProblem,
  parseQuantity,
} from './util/values';
export {
  parseImageReference,
  IMAGE_REFERENCE_PATTERN,
  PINNED_IMAGE_REFERENCE_PATTERN,
} from './util/imageReference';
export type {
  ImageReference,
  ParsedImageReference,
} from './util/imageReference';
export { lintManifests } from './lint/lintManifests';
export { proxyChecksOfPlans } from './lint/portalProxy/proxyChecksOfPlans';
export { DEFAULT_PORTAL_ACCOUNT } from './lint/portalProxy/types';
export type { PortalAccount, ProxyCheck } from './lint/portalProxy/types';
export { portalProbeDeclaration } from './spec/portalProbe';
export type { PortalProbe } from './spec/portalProbe';
export { formatLintText, lintResultToJson } from './lint/formatFindings';
export { formatLintGithub } from './lint/format/github';
export type { GithubFormatOptions } from './lint/format/github';
export { formatLintSarif, SARIF_SCHEMA_URI } from './lint/format/sarif';
export type { SarifFormatOptions } from './lint/format/sarif';
export { LINT_IGNORE_ANNOTATION } from './lint/suppression';
export type {
  Finding,
  LintInput,
  LintOptions,
  LintResult,
  Severity,
} from './lint/types';
export { writeRenderedFiles } from './render/writeRenderedFiles';
export type { WriteResult } from './render/writeRenderedFiles';
export { readLintInputs } from './lint/readLintInputs';
export type { ReadResult } from './lint/readLintInputs';
export {
  importComposeService,
  listComposeServices,
  parseComposeFile,
  formatComposeDraft,
  IMAGE_TAG_PLACEHOLDER,
  looksLikeSecretName,
  looksLikeSecretValue,
  normalizeCompose,
  toComposeYaml,
  RequiredVariableError,
  importComposeStack,
} from './compose';
export type {
  ComposeFile,
  ComposeImport,
  ComposeImportOptions,
  ComposeSources,
  NormalizeResult,
  NormalizedCompose,
  NormalizedService,
  StackImport,
  StackImportOptions,
  StackService,
  UnmappedKey,
} from './compose';
export { safeChildPath, OutsideRootError } from './paths/safeChildPath';
