import type { DnsHandoff } from "../dkim/handoff.js";
import { msg } from "../messages/msg.js";
import type { Output } from "./output.js";

/** The record for the DNS team, in the three forms their tools take. Public keys only: nothing here is secret. */
export function renderHandoffText(out: Output, handoff: DnsHandoff, files: readonly string[], throwaway = false): string {
  const { t, color } = out;
  return [
    throwaway ? color.yellow(t(msg("handoff.dryRunHeading", { name: handoff.name }))) : color.bold(t(msg("handoff.heading", { name: handoff.name }))),
    `  ${t(msg("handoff.bind"))}`,
    `    ${handoff.bindLine}`,
    `  ${t(msg("handoff.route53"))}`,
    ...JSON.stringify(handoff.route53ChangeBatch, null, 2)
      .split("\n")
      .map((line) => `    ${line}`),
    `  ${t(msg("handoff.unsplit"))}`,
    `    ${handoff.value}`,
    ...(files.length > 0 ? [color.dim(`  ${t(msg("handoff.files", { files: files.join(", ") }))}`)] : []),
    "",
  ].join("\n");
}

export function handoffJson(handoff: DnsHandoff | null, files: readonly string[]): Record<string, unknown> {
  return {
    handoff: handoff && {
      name: handoff.name,
      value: handoff.value,
      strings: handoff.strings,
      bindLine: handoff.bindLine,
      route53ChangeBatch: handoff.route53ChangeBatch,
    },
    handoffFiles: files,
  };
}
