/**
 * The marks byodkim puts before a line, one set for every table and list, so a mark means the
 * same in precheck, status, runbook show and notify-test. The heavy check mark and heavy ballot X
 * (U+2714, U+2718), which most of byodkim used already, not their light twins (U+2713, U+2717).
 */
export const MARKS = { done: "✔", failed: "✘", warning: "!", notDone: "–", pending: "·" } as const;
