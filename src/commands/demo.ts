import { spawn } from "node:child_process";
import { packagePath } from "../packagePath.js";
import { type Sandbox, startSandbox } from "../sandbox/start.js";

const BIN = packagePath("bin", "byodkim.js");

/** The runbook's steps as an operator types them; later commands join as they land. */
export const DEMO_STEPS: readonly (readonly string[])[] = [
  ["precheck"],
  ["enable", "--yes", "--wait", "120"],
  ["verify", "--send-test", "postmaster@example.org"],
  ["rollback", "--yes", "--reason", "rehearsal"],
];

/**
 * The sandbox's endpoint and credentials over the operator's environment. The SDK's Node 20 notice
 * would repeat at every step, so the demo says it once itself (renderDemoIntro).
 */
function demoEnv(sandboxEnv: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  return { ...process.env, ...sandboxEnv, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
}

/** What the operator is told between the steps; the steps' own output goes straight to the terminal. */
export interface DemoReport {
  intro(sandbox: Sandbox): void;
  step(args: readonly string[]): void;
}

/** Starts a sandbox in this process and runs each runbook step as a real `byodkim` process against it. */
export async function runDemo(lang: string, report: DemoReport): Promise<number> {
  const sandbox = await startSandbox({ scenario: "good", verifyIntervalMs: 250 });
  try {
    report.intro(sandbox);
    for (const step of DEMO_STEPS) {
      const args = [...step, "--config", sandbox.configPath, "--lang", lang];
      report.step(args);
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { env: demoEnv(sandbox.env), stdio: ["ignore", "inherit", "inherit"] });
        child.on("error", reject);
        child.on("close", (exitCode) => resolve(exitCode ?? 1));
      });
      if (code !== 0) return code;
    }
    return 0;
  } finally {
    await sandbox.stop();
  }
}
