import type { CheckStatus } from '../cutover/agreement';
import type { CutoverCheck } from '../cutover/types';

// The JSON of the homelab backend's cutover routes, shared by the backend that
// answers and the frontend that reads:
//   GET  /api/homelab/cutover            every plan with a cutover section the caller may see
//   GET  /api/homelab/cutover/:planId    one plan's cutover: items, checks, pods, runbook
//   POST /api/homelab/cutover/:planId/check   run its checks now (coalesced between viewers)
// Results come from one shared evaluation per interval, never one per viewer.

/** Where a ticked item's check fails, or an open item's check has passed. */
export type Disagreement = 'ticked-but-failing' | 'open-but-passing';

export interface CutoverCheckResult {
  /** The declaration's canonical key; ties the result to the declaration. */
  key: string;
  kind: CutoverCheck['kind'];
  /** What is checked, as a person reads it: "pods app.kubernetes.io/name=karakeep in karakeep (at least 1)". */
  description: string;
  status: CheckStatus;
  /** e.g. "2/3 replicas available, pod x CrashLoopBackOff: OOMKilled". */
  evidence: string;
  /** ISO 8601 time of the reading. */
  checkedAt: string;
}

/** One task line of the cutover section. */
export interface CutoverItemView {
  /** 1-based line in the plan file. */
  line: number;
  text: string;
  checked: boolean;
  /** One per declared check; empty for a plain checkbox. */
  results: CutoverCheckResult[];
  /** Combined status of its checks; undefined for a plain checkbox. */
  status?: CheckStatus;
  disagreement?: Disagreement;
}

export interface CutoverPodRow {
  namespace: string;
  name: string;
  /** status.phase: Pending, Running, Succeeded, Failed, Unknown. */
  phase: string;
  /** Ready containers / containers, e.g. "1/2". */
  ready: string;
  /** Every container ready (and the pod Running). */
  healthy: boolean;
  restarts: number;
  /** Why it is not healthy, as kubectl shows it: CrashLoopBackOff, ImagePullBackOff, Unschedulable, … */
  reason?: string;
  /** lastState.terminated.reason of the most recently restarted container, e.g. OOMKilled. */
  lastTerminationReason?: string;
}

/** A row of `GET /cutover`. */
export interface CutoverSummary {
  planId: string;
  title: string;
  /** Repository-relative path of the plan. */
  file: string;
  /** Entities whose phase plan this is (only those the caller may see). */
  entityRefs: string[];
  /** Heading of the cutover section as written, e.g. "4.24.5 Cutover & Rollback". */
  sectionTitle: string;
  /** At least one cutover task done and one open: the view opens on its own. */
  inProgress: boolean;
  tasks: { done: number; total: number };
  /** Counts over the latest evaluation's checks. */
  checks: Record<CheckStatus, number>;
  /** Items whose tick and check disagree. */
  disagreements: number;
  /** When the latest evaluation finished; absent before the first. */
  checkedAt?: string;
}

export interface CutoverDetail extends CutoverSummary {
  items: CutoverItemView[];
  /** Pods of the namespaces of the plan's entities and checks, from the shared cluster snapshot. */
  pods: CutoverPodRow[];
  /** The pinned runbook (`homelab.dev/cutover-runbook`): a TechDocs entity and page path. */
  runbook?: { entityRef: string; path: string };
  /** Set when the plan's entities consume Ollama: the view shows the Ollama load summary. */
  ollamaConsumer: boolean;
  /** Seconds between scheduled evaluations while a cutover is in progress. */
  intervalSeconds: number;
  /** When the next scheduled evaluation is due. */
  nextCheckAt?: string;
  /** Why the latest evaluation could not run at all (cluster unreachable, …). */
  error?: string;
}

export interface CutoverList {
  cutovers: CutoverSummary[];
}
