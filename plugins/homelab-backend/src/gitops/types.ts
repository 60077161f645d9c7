/** A commit's author or committer. */
export interface GitIdentity {
  name: string;
  email: string;
}
