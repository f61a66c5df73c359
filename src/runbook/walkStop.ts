import type { Runbook } from "./runbook.js";

/** What a walk that stopped part-way leaves behind: the actions it completed, and the commands that undo and continue it. */
export interface WalkAftermath {
  /** The action steps done, by this walk or the walks it resumed, in runbook order. */
  readonly changed: readonly string[];
  /** Undoes SES's last change by the walk (enable's or rotate's); null when none of its steps changed SES's signing. */
  readonly undoCommand: string | null;
  readonly resumeCommand: string;
}

/** The undo of each SES-changing action, as the operator types it; a rollback is not undone by byodkim. */
const UNDO: Partial<Record<string, (domain: string) => string | null>> = {
  enable: (domain) => `byodkim rollback ${domain}`,
  rotate: (domain) => `byodkim rollback ${domain} --to previous`,
  rollback: () => null,
};

export function walkAftermath(runbook: Runbook, done: ReadonlySet<string>, domain: string, selectorFlag: string | undefined): WalkAftermath {
  const actions = runbook.steps.filter((step) => step.kind === "action" && done.has(step.id));
  const lastSesChange = actions.filter((step) => step.run !== undefined && step.run in UNDO).at(-1);
  return {
    changed: actions.map((step) => step.id),
    undoCommand: lastSesChange ? (UNDO[lastSesChange.run!]?.(domain) ?? null) : null,
    resumeCommand: `byodkim run ${runbook.id} ${domain} --resume${selectorFlag === undefined ? "" : ` --selector ${selectorFlag}`}`,
  };
}
