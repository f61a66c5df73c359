import type { Sandbox } from "../sandbox/start.js";
import { SCENARIOS } from "../sandbox/scenarios.js";
import { msg } from "../messages/msg.js";
import type { Output } from "./output.js";

const shellQuote = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`);

export function renderScenarioList(out: Output): string {
  const width = Math.max(...SCENARIOS.map((scenario) => scenario.name.length));
  return `${SCENARIOS.map((scenario) => `${out.color.bold(scenario.name.padEnd(width))}  ${scenario.description}`).join("\n")}\n`;
}

export function scenarioListJson(): Record<string, unknown> {
  return { command: "sandbox", outcome: "ok", scenarios: SCENARIOS.map(({ name, description }) => ({ name, description })) };
}

/** Printed once the sandbox is ready, the one document of a run that lasts until Ctrl-C. */
export function sandboxJson(sandbox: Sandbox): Record<string, unknown> {
  return {
    command: "sandbox",
    outcome: "started",
    scenario: sandbox.scenario,
    endpoint: sandbox.endpoint,
    dnsServers: sandbox.dnsServers,
    env: sandbox.env,
    configPath: sandbox.configPath,
  };
}

export function renderSandboxStarted(out: Output, sandbox: Sandbox): string {
  const { t, color } = out;
  const exports = Object.entries(sandbox.env).map(([name, value]) => `export ${name}=${shellQuote(value)}`);
  const dnsFlags = sandbox.dnsServers.map((server) => `--dns-server ${server}`).join(" ");
  return [
    color.bold(t(msg("sandbox.started", { scenario: sandbox.scenario }))),
    `  ${t(msg("sandbox.endpoint"))}: ${sandbox.endpoint}`,
    `  ${t(msg("sandbox.dns"))}: ${sandbox.dnsServers.join(", ")}`,
    `  ${t(msg("sandbox.config"))}: ${sandbox.configPath}`,
    "",
    t(msg("sandbox.howTo")),
    ...exports.map((line) => `  ${line}`),
    `  byodkim precheck --config ${shellQuote(sandbox.configPath)}`,
    color.dim(`  (${t(msg("sandbox.dnsFlags"))}: ${dnsFlags})`),
    "",
    color.dim(t(msg("sandbox.stopHint"))),
    "",
  ].join("\n");
}

export function renderSandboxStopped(out: Output): string {
  return `${out.t(msg("sandbox.stopped"))}\n`;
}

export function renderDemoIntro(out: Output, sandbox: Sandbox, nodeVersion = process.versions.node): string {
  const major = Number(nodeVersion.split(".")[0]);
  const nodeNote = major < 22 ? `${out.color.dim(out.t(msg("demo.nodeNote", { version: nodeVersion })))}\n` : "";
  return `${out.color.bold(out.t(msg("demo.intro", { scenario: sandbox.scenario, endpoint: sandbox.endpoint })))}\n${nodeNote}`;
}

export function renderDemoStep(out: Output, args: readonly string[]): string {
  return `\n${out.color.cyan(`$ byodkim ${args.map(shellQuote).join(" ")}`)}\n`;
}
