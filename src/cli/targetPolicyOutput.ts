import { ExitCode } from "../errors.js";
import { msg } from "../messages/msg.js";
import { roleNameAndPath, type TargetPolicyResult } from "../permissions/targetPolicy.js";
import type { Output } from "../ui/output.js";
import type { Emission } from "./runtime.js";

/**
 * `iam-policy --for target`: one document alone on stdout (`> target-policy.json`, or with --trust
 * `> target-trust.json`), and on stderr what it covers and the two commands that create the role
 * with both; `--json` gives both documents in one.
 */
export function targetPolicyOutput(result: TargetPolicyResult, trust: boolean, out: Output): Emission {
  return {
    exitCode: ExitCode.ok,
    text: () => {
      const { name, path } = roleNameAndPath(result.roleArn);
      const identities = result.identities.map(({ domain, regions }) => `${domain} (${regions.join(", ")})`).join(", ");
      const hasExternalId = result.trustPolicy.Statement.some((statement) => statement.Condition !== undefined);
      const trustCovers = hasExternalId ? "iamPolicy.target.trustCoversExternalId" : "iamPolicy.target.trustCovers";
      const covers = trust
        ? msg(trustCovers, { roleArn: result.roleArn, account: result.account, principal: result.trustedPrincipal })
        : msg("iamPolicy.target.covers", { roleArn: result.roleArn, account: result.account, identities });
      const attach = msg("iamPolicy.target.attach", { roleName: name, pathFlag: path === "/" ? "" : ` --path ${path}` });
      const warnings = result.warnings.map((warning) => `! ${out.t(warning)}\n`).join("");
      out.stderr.write(`${out.t(covers)}\n${out.t(attach)}\n${out.t(msg("iamPolicy.target.files"))}\n${warnings}`);
      return `${JSON.stringify(trust ? result.trustPolicy : result.permissionPolicy, null, 2)}\n`;
    },
    json: () => ({ ...result, warnings: result.warnings.map((warning) => ({ code: warning.key, message: out.t(warning) })) }),
  };
}
