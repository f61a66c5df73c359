import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { byodkimError } from "../errors.js";
import { packagePath } from "../packagePath.js";
import type { GateId } from "../gates/types.js";
import { CONTACT_ROLES, type ContactRole } from "../config/contacts.js";

export type StepKind = "confirm" | "gate" | "action" | "check";
export type Section = "precheck" | "preparation" | "execution" | "postcheck";
export interface Text {
  readonly en: string;
  readonly ja: string;
}

export interface RunbookStep {
  readonly id: string;
  readonly section: Section;
  readonly kind: StepKind;
  readonly title: Text;
  readonly help: Text;
  /** gate → precheck; action → enable | rollback | keygen | rotate | retire; check → verify. */
  readonly run: "precheck" | "enable" | "rollback" | "keygen" | "rotate" | "retire" | "verify" | undefined;
  /** For gate and check steps: the gates whose verdicts decide the step. */
  readonly gates: readonly GateId[];
  /** The config key whose link the step shows (`link: dashboardUrl`): the step sends the operator there. */
  readonly link: StepLink | undefined;
  /** The team the step involves (`contact: dns`): the walk names who they are when the config's contacts: does. */
  readonly contact: ContactRole | undefined;
}

export type StepLink = "dashboardUrl";
const LINKS: readonly StepLink[] = ["dashboardUrl"];

export interface Runbook {
  readonly id: string;
  readonly title: Text;
  readonly steps: readonly RunbookStep[];
}

export const RUNBOOK_DIR = packagePath("runbooks");

const SECTIONS: readonly Section[] = ["precheck", "preparation", "execution", "postcheck"];
const RUNS: Record<StepKind, readonly string[]> = {
  confirm: [],
  gate: ["precheck"],
  action: ["enable", "rollback", "keygen", "rotate", "retire"],
  check: ["verify"],
};
const GATES: readonly string[] = [
  "identity",
  "selector",
  "key",
  "dns",
  "ses",
  "alarms",
  "state",
  "current",
  "rotation",
  "grace",
  "revocation",
  "sendTest",
  "eml",
];
const ID = /^[a-z0-9][a-z0-9-]*$/;

/** Validates a parsed runbook; each problem names the file, the step and the field. */
export function validateRunbook(document: unknown, file: string): Runbook {
  const fail = (step: string, field: string, expected: string): never => {
    throw byodkimError("config", "runbook.invalid", { file, step, field, expected });
  };
  const isText = (value: unknown): value is Text =>
    typeof value === "object" &&
    value !== null &&
    typeof (value as Text).en === "string" &&
    typeof (value as Text).ja === "string" &&
    (value as Text).en !== "" &&
    (value as Text).ja !== "";
  if (document === null || typeof document !== "object") fail("-", "(top level)", "a mapping with id, title and steps");
  const root = document as Record<string, unknown>;
  if (typeof root["id"] !== "string" || !ID.test(root["id"])) fail("-", "id", "a lower-case id such as phase-7");
  if (!isText(root["title"])) fail("-", "title", "a title with en and ja");
  if (!Array.isArray(root["steps"]) || root["steps"].length === 0) fail("-", "steps", "a non-empty list of steps");
  const seen = new Set<string>();
  const steps = (root["steps"] as unknown[]).map((raw, index): RunbookStep => {
    const step = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const name = typeof step["id"] === "string" ? step["id"] : `#${index + 1}`;
    if (typeof step["id"] !== "string" || !ID.test(step["id"])) fail(name, "id", "a lower-case id such as dns-team-notified");
    if (seen.has(name)) fail(name, "id", "an id not used by another step");
    seen.add(name);
    const kind = step["kind"] as StepKind;
    if (!(kind in RUNS)) fail(name, "kind", "one of confirm, gate, action, check");
    if (!SECTIONS.includes(step["section"] as Section)) fail(name, "section", `one of ${SECTIONS.join(", ")}`);
    if (!isText(step["title"])) fail(name, "title", "a title with en and ja");
    if (!isText(step["help"])) fail(name, "help", "help text with en and ja");
    const run = step["run"];
    if (kind === "confirm" ? run !== undefined : !RUNS[kind].includes(String(run))) {
      fail(name, "run", kind === "confirm" ? "absent for a confirm step" : `one of ${RUNS[kind].join(", ")}`);
    }
    const gates = step["gates"] ?? [];
    if (!Array.isArray(gates) || !gates.every((gate) => GATES.includes(gate as string))) fail(name, "gates", `a list of gate ids among ${GATES.join(", ")}`);
    if ((kind === "gate" || kind === "check") && (gates as unknown[]).length === 0) fail(name, "gates", "at least one gate id for a gate or check step");
    const link = step["link"];
    if (link !== undefined && !LINKS.includes(link as StepLink)) fail(name, "link", `one of ${LINKS.join(", ")} (the config key of the link to show)`);
    const contact = step["contact"];
    if (contact !== undefined && !CONTACT_ROLES.includes(contact as ContactRole))
      fail(name, "contact", `one of ${CONTACT_ROLES.join(", ")} (a role of the config's contacts:)`);
    return {
      id: name,
      section: step["section"] as Section,
      kind,
      title: step["title"] as Text,
      help: step["help"] as Text,
      run: run as RunbookStep["run"],
      gates: gates as GateId[],
      link: link as StepLink | undefined,
      contact: contact as ContactRole | undefined,
    };
  });
  return { id: root["id"] as string, title: root["title"] as Text, steps };
}

export function loadRunbookFile(path: string): Runbook {
  let document: unknown;
  try {
    document = parseYaml(readFileSync(path, "utf8"));
  } catch {
    throw byodkimError("config", "runbook.unreadable", { file: basename(path) });
  }
  return validateRunbook(document, basename(path));
}

/** Every runbook shipped in runbooks/, by id. */
export function listRunbooks(dir = RUNBOOK_DIR): Runbook[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => loadRunbookFile(join(dir, name)));
}

export function findRunbook(id: string, dir = RUNBOOK_DIR): Runbook {
  const runbook = listRunbooks(dir).find((candidate) => candidate.id === id);
  if (!runbook)
    throw byodkimError("usage", "runbook.unknown", {
      id,
      known: listRunbooks(dir)
        .map((r) => r.id)
        .join(", "),
    });
  return runbook;
}
