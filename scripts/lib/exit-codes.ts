/** Exit codes shared by the database scripts (documented in docs/database.md). */
export const EXIT = {
  ok: 0,
  /** The work failed; for db:health: the primary database is down. */
  failed: 1,
  /** db:health only: the primary is fine but the external database is down, empty or missing (the app runs degraded). */
  externalDown: 2,
  /** Refused to write: production without explicit permission, or a sync from a source that looks wrong. */
  refused: 3,
  /** Unknown flag or bad argument. */
  usage: 64,
  /** The environment does not validate (see .env.example). */
  config: 78,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
