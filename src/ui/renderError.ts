import { ByodkimError } from "../errors.js";
import { msg } from "../messages/msg.js";
import { contactLine, contactRoleForError } from "../config/contacts.js";
import type { Output } from "./output.js";
import { labelled } from "./punctuation.js";

/**
 * One or two lines on stderr. Unexpected errors show only their class name unless --verbose:
 * their messages were not written for operators and could carry request data.
 */
export function renderError(out: Output, err: unknown): string {
  const { t, errorColor: color } = out;
  if (err instanceof ByodkimError) {
    const hint = err.hint ? `\n  ${color.dim(labelled(out.lang, t(msg("cli.hint")), t(err.hint)))}` : "";
    const detail = out.verbose && err.detail ? `\n  ${color.dim(t(msg("aws.sdkSaid", { message: err.detail })))}` : "";
    // An error only another team can clear (access AWS refused, a nameserver byodkim cannot ask) says who they are.
    const role = contactRoleForError(err.kind, err.what.key);
    const contact = role === undefined ? null : contactLine(role, { contacts: out.contacts() });
    const reach = contact ? `\n  ${color.cyan(t(contact))}` : "";
    return `${color.red(`${t(msg("cli.error"))}${out.lang === "ja" ? "：" : ": "}`)}${t(err.what)}${hint}${reach}${detail}\n`;
  }
  const name = errorName(err);
  const stack = out.verbose && err instanceof Error && err.stack ? `\n${err.stack}` : "";
  return `${color.red(`${t(msg("cli.error"))}${out.lang === "ja" ? "：" : ": "}`)}${t(msg("cli.unexpected", { name }))}\n  ${color.dim(t(msg("cli.unexpected.hint")))}${stack}\n`;
}

export function errorJson(out: Output, command: string, err: unknown): Record<string, unknown> {
  const error =
    err instanceof ByodkimError
      ? {
          code: err.what.key,
          kind: err.kind,
          message: out.t(err.what),
          hint: err.hint ? out.t(err.hint) : null,
          ...(out.verbose && err.detail ? { detail: err.detail } : {}),
        }
      : {
          code: "cli.unexpected",
          kind: "unexpected",
          message: out.t(msg("cli.unexpected", { name: errorName(err) })),
          hint: null,
        };
  // `outcome` is in every --json document, so a script reads one field whatever happened.
  return { command, ok: false, outcome: err instanceof ByodkimError && err.kind === "interrupted" ? "interrupted" : "error", error };
}

/** Never an empty name on the operator's screen. */
const errorName = (err: unknown): string => (err instanceof Error ? err.name || err.constructor.name || "Error" : typeof err);
