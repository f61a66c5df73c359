import { expect } from "vitest";
import { SANDBOX_DEFAULTS } from "../../src/sandbox/scenarios.js";
import type { rehearsal } from "./rehearsal.js";

type Rehearsal = Awaited<ReturnType<typeof rehearsal>>;

/** byodkim's commands: "byodkim rolled it back" is a sentence, "byodkim rollback …" a command. */
const COMMANDS = [
  "apply",
  "approve",
  "demo",
  "enable",
  "iam-policy",
  "keygen",
  "notify-test",
  "plan",
  "precheck",
  "report",
  "retire",
  "rollback",
  "rotate",
  "run",
  "runbook",
  "sandbox",
  "status",
  "tick",
  "verify",
];

/**
 * The `byodkim …` command the line of real output holding `label` tells the operator to run, as
 * the arguments a shell would pass (byodkim's commands need no quoting). The sentence's period
 * after it, and a "(…)" aside, are not part of it.
 */
export function printedCommand(output: string, label: string): string[] {
  const line = output.split("\n").find((candidate) => candidate.includes(label));
  expect(line, `no line says "${label}" in:\n${output}`).toBeDefined();
  const command = new RegExp(`byodkim((?: (?:${COMMANDS.join("|")})\\b)(?: [^\\s()\`,;]+)*)`).exec(line!.slice(line!.indexOf(label)));
  expect(command, `no byodkim command after "${label}" in: ${line}`).not.toBeNull();
  const args: string[] = [];
  for (const token of command![1]!.trim().split(" ")) {
    // A token that ends a sentence ends the command: byodkim's domains are never written with the root's dot.
    if (token.endsWith(".")) return [...args, token.slice(0, -1)];
    // As does a plan line's "byodkim rollback <domain> --to disable:" (its effect follows).
    if (token.endsWith(":")) return [...args, token.slice(0, -1)];
    args.push(token);
  }
  return args;
}

/** Removes a DNS record from every simulated nameserver, returning what to put back (a DNS rollback, then its undo). */
export function withdrawRecord<R extends { readonly name: string }>(nameservers: R[][], name: string): () => void {
  const removed = nameservers.map((records) => records.filter((record) => record.name === name));
  for (const [i, records] of nameservers.entries()) nameservers[i] = records.filter((record) => record.name !== name);
  return () => {
    for (const [i, records] of removed.entries()) nameservers[i]!.push(...records);
  };
}

/** A refusal that names keygen: that command, run as printed (answered yes), makes one new key object. */
export async function keygenRunsAsPrinted(r: Rehearsal, refusal: string, label: string): Promise<void> {
  const keygen = printedCommand(refusal, label);
  expect(keygen).toEqual(["keygen"]);
  const objects = r.box.world.buckets.get(SANDBOX_DEFAULTS.bucket)!;
  const before = objects.size;
  const made = await r.byodkim(keygen, { stdin: "y\n" });
  expect(made.code, made.stdout + made.stderr).toBe(0);
  expect(objects.size).toBe(before + 1);
}
