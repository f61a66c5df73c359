import type { JournaledGate } from "../commands/report/runReport.js";
import { SERVER_OUTCOMES } from "../gates/dnsGate.js";
import { type MessageKey, msg, msgFromBag } from "../messages/msg.js";
import type { Output } from "./output.js";

type Fact = Readonly<Record<string, unknown>>;

const isFact = (value: unknown): value is Fact => value !== null && typeof value === "object" && !Array.isArray(value);
const facts = (value: unknown): Fact[] => (Array.isArray(value) ? value.filter(isFact) : []);
const word = (value: unknown) => (typeof value === "string" && value !== "" ? value : "-");

/**
 * A key fingerprint short enough for a table cell: 16 base64 characters (96 bits) still tell any
 * two keys apart, and the JSON report keeps the whole fingerprint.
 */
export const shortFingerprint = (fingerprint: unknown): string => {
  if (typeof fingerprint !== "string") return "-";
  const [scheme, digest] = fingerprint.includes(":") ? fingerprint.split(":", 2) : ["", fingerprint];
  const short = digest!.length > 16 ? `${digest!.slice(0, 16)}…` : digest!;
  return scheme ? `${scheme}:${short}` : short;
};

/** Each nameserver asked and what it answered: the fingerprint of the key it served, never the key. */
function serverLines(out: Output, servers: unknown): string[] {
  return facts(servers).map((server) => {
    const outcome = word(server["outcome"]);
    // A journal is a file: an outcome no byodkim wrote is shown as it is, not looked up as a sentence.
    if (!(SERVER_OUTCOMES as readonly string[]).includes(outcome)) return `${word(server["server"])}: ${outcome}`;
    return out.t(
      msgFromBag(`gate.dns.server.${outcome}` as MessageKey, {
        server: word(server["server"]),
        fingerprint: shortFingerprint(server["fingerprint"]),
        problem: "",
      }),
    );
  });
}

function sesLine(out: Output, evidence: Fact): string {
  const tokens = Array.isArray(evidence["tokens"]) ? evidence["tokens"].filter((token) => typeof token === "string").join(", ") : "";
  return out.t(
    msg("report.evidence.ses", {
      status: word(evidence["dkimStatus"]),
      origin: word(evidence["origin"]),
      signing: out.t(msg(evidence["signingEnabled"] === true ? "report.evidence.signingOn" : "report.evidence.signingOff")),
      tokens: tokens || "-",
    }),
  );
}

function alarmLines(out: Output, alarms: unknown): string[] {
  return facts(alarms).map((alarm) => {
    const name = word(alarm["name"]);
    const allowed = Array.isArray(alarm["allowed"]) ? alarm["allowed"].join("|") : "-";
    if (typeof alarm["state"] !== "string") return out.t(msg("gate.alarms.missing", { name }));
    return out.t(msg(alarm["ok"] === false ? "gate.alarms.wrongState" : "gate.alarms.inState", { name, state: alarm["state"], allowed }));
  });
}

/**
 * What a gate read, as the report's lines: the nameservers and their answers, SES's DKIM settings,
 * the alarm states, the key's fingerprint. Empty for a gate whose evidence the report does not
 * show, or a journal written before byodkim journaled it.
 */
export function evidenceLines(out: Output, gate: JournaledGate): string[] {
  const evidence = gate.evidence;
  if (!isFact(evidence)) return [];
  switch (gate.id) {
    case "dns":
    case "current":
      return serverLines(out, evidence["servers"]);
    case "ses":
      return "dkimStatus" in evidence ? [sesLine(out, evidence)] : [];
    case "alarms":
      return alarmLines(out, evidence["alarms"]);
    case "key":
      return typeof evidence["publicKeyFingerprint"] === "string"
        ? [out.t(msg("report.evidence.key", { fingerprint: shortFingerprint(evidence["publicKeyFingerprint"]), bits: word(String(evidence["bits"] ?? "")) }))]
        : [];
    default:
      return [];
  }
}
