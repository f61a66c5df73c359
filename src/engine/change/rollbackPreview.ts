import { type Msg, msg } from "../../messages/msg.js";
import { type DkimSnapshot, isEasyDkimOrigin } from "./dkimSettings.js";

export type RollbackPreviewTarget = "previous" | "disable" | "easy-dkim";

/**
 * What `byodkim rollback` really does to the domain's mail, for one `--to`: SES's state after its
 * calls, and how mail is signed until that state is SUCCESS. Easy DKIM never comes back as it
 * was: SES issues three new tokens, and the identity is PENDING until their CNAMEs are published.
 * `restores` is the snapshot `--to previous` restores.
 */
export function rollbackEffect(domain: string, target: RollbackPreviewTarget, restores: DkimSnapshot | null): Msg {
  if (target === "disable") return msg("rollback.effect.disable", { domain });
  // --to easy-dkim needs no snapshot: SES issues new tokens as it does for a previous Easy DKIM.
  if (target === "easy-dkim") return msg("rollback.effect.previousEasy", { domain });
  if (!restores?.signingEnabled) return msg("rollback.effect.previousOff", { domain });
  const selector = restores.origin === "EXTERNAL" ? restores.tokens[0] : undefined;
  if (selector !== undefined) return msg("rollback.effect.previousExternal", { domain, selector });
  if (isEasyDkimOrigin(restores.origin)) return msg("rollback.effect.previousEasy", { domain });
  return msg("rollback.effect.previousOff", { domain });
}

/**
 * The enable and rotate plans' rollback row: each `--to` as the operator would type it, and what it
 * does. `--to easy-dkim` is listed when `--to previous` would not itself bring Easy DKIM back (after
 * a rotation its previous is the earlier selector, whose key may be the very thing gone wrong).
 */
export function rollbackChoices(domain: string, restores: DkimSnapshot): { value: Msg; more: { text: Msg; depth: 0 | 1 }[] } {
  const previous = rollbackEffect(domain, "previous", restores);
  const easyDkim = rollbackEffect(domain, "easy-dkim", restores);
  return {
    value: msg("change.plan.rollbackPrevious", { domain }),
    more: [
      { text: previous, depth: 1 },
      { text: msg("change.plan.rollbackDisable", { domain }), depth: 0 },
      { text: rollbackEffect(domain, "disable", restores), depth: 1 },
      ...(previous.key === easyDkim.key
        ? []
        : [
            { text: msg("change.plan.rollbackEasyDkim", { domain }), depth: 0 as const },
            { text: easyDkim, depth: 1 as const },
          ]),
    ],
  };
}
