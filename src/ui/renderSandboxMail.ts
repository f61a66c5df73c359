import type { SandboxDmarcReports, SandboxMailDrills } from "../commands/sandboxMail.js";
import { msg } from "../messages/msg.js";
import type { Output } from "./output.js";

export function renderSandboxDmarcReports(out: Output, written: SandboxDmarcReports): string {
  const { t, color } = out;
  const lines = [t(msg("sandbox.dmarcReports.written", { count: written.reports.length, out: written.out }))];
  const byDay = new Map<string, Map<string, number>>();
  for (const report of written.reports) {
    const day = byDay.get(report.begin.slice(0, 10)) ?? new Map<string, number>();
    byDay.set(report.begin.slice(0, 10), day);
    for (const [selector, count] of Object.entries(report.pass)) day.set(selector, (day.get(selector) ?? 0) + count);
  }
  for (const [day, selectors] of byDay) {
    const counts = [...selectors].map(([selector, count]) => `${selector} ${count}`).join(", ");
    lines.push(`  ${t(msg("sandbox.dmarcReports.day", { day, counts: counts || "-" }))}`);
  }
  if (written.reports.length === 0) lines.push(color.dim(t(msg("sandbox.dmarcReports.nothingNew"))));
  return `${lines.join("\n")}\n`;
}

export function sandboxDmarcReportsJson(written: SandboxDmarcReports): Record<string, unknown> {
  return { command: "sandbox dmarc-reports", outcome: "written", out: written.out, reports: written.reports };
}

export function renderSandboxMailDrill(out: Output, identity: string, drills: SandboxMailDrills): string {
  const { t } = out;
  const held = drills.heldPending.some((entry) => entry.endsWith(`/${identity.toLowerCase()}`));
  const wrong = drills.wrongKey.some((entry) => entry.endsWith(`/${identity.toLowerCase()}`));
  return `${[
    t(msg(held ? "sandbox.mail.held" : "sandbox.mail.notHeld", { identity })),
    t(msg(wrong ? "sandbox.mail.wrongKey" : "sandbox.mail.rightKey", { identity })),
  ].join("\n")}\n`;
}

export function sandboxMailDrillJson(command: string, identity: string, drills: SandboxMailDrills): Record<string, unknown> {
  return { command, outcome: "set", identity, heldPending: drills.heldPending, wrongKey: drills.wrongKey };
}

export function renderSandboxAged(out: Output, aged: { days: number; secrets: readonly string[]; dmarcReportsRemoved: number }): string {
  const lines = [out.t(msg("sandbox.aged", { days: aged.days, secrets: aged.secrets.join(", ") || "-" }))];
  if (aged.dmarcReportsRemoved > 0) lines.push(out.t(msg("sandbox.aged.reportsRemoved", { count: aged.dmarcReportsRemoved })));
  return `${lines.join("\n")}\n`;
}

export function renderSandboxAdvanced(out: Output, clock: { now: string; offsetDays: number }): string {
  return `${out.t(msg("sandbox.advanced", clock))}\n`;
}
