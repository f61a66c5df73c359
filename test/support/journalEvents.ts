/** A completed enable in the good world (signing already on), as its journal tells it: the fakes and the sandbox must agree. */
export const JOURNAL_OF_A_COMPLETED_ENABLE = [
  "run-started",
  "gates",
  "plan",
  "confirmed",
  "rechecked",
  "lock-acquired",
  "snapshot",
  "call-started",
  "call-done",
  "call-skipped",
  "wait-ended",
  "ses-after",
  "state-recorded",
  "ended",
  "lock-released",
];
