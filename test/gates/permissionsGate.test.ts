import { describe, expect, it } from "vitest";
import { checkPermissions } from "../../src/gates/permissionsGate.js";
import { msg } from "../../src/messages/msg.js";
import { simulatedPrincipal } from "../../src/permissions/principal.js";

const ROLE = "arn:aws:iam::123456789012:role/MailOps";
const allowed = (action: string) => ({ action, resource: "arn:aws:ses:ap-northeast-1:123456789012:identity/goo.ne.jp", decision: "allowed" });
const denied = (action: string, decision = "implicitDeny") => ({ ...allowed(action), decision });

describe("the permissions gate", () => {
  it.each([
    ["every action allowed", [allowed("ses:GetEmailIdentity"), allowed("ses:PutEmailIdentityDkimAttributes")], "fail", "pass", "gate.permissions.pass"],
    ["one implicitly denied", [allowed("ses:GetEmailIdentity"), denied("ses:PutEmailIdentityDkimAttributes")], "fail", "fail", "gate.permissions.denied"],
    ["one explicitly denied", [denied("ses:PutEmailIdentityDkimAttributes", "explicitDeny")], "fail", "fail", "gate.permissions.denied"],
    ["one denied, on the incident path", [denied("ses:PutEmailIdentityDkimAttributes")], "warn", "warn", "gate.permissions.deniedWarning"],
    [
      "only the notices' sns:Publish denied (a notice never blocks)",
      [allowed("ses:GetEmailIdentity"), denied("sns:Publish")],
      "fail",
      "warn",
      "gate.permissions.noticesDenied",
    ],
    [
      "sns:Publish and a change's own action denied",
      [denied("sns:Publish"), denied("ses:PutEmailIdentityDkimAttributes")],
      "fail",
      "fail",
      "gate.permissions.denied",
    ],
  ] as const)("%s → %s", (_what, decisions, deniedIs, status, key) => {
    const gate = checkPermissions({ kind: "simulated", principal: ROLE, decisions }, deniedIs);
    expect(gate.status).toBe(status);
    expect(gate.detail.key).toBe(key);
  });

  it("names each denied action with its resource, and says what the simulation does not cover", () => {
    const gate = checkPermissions({
      kind: "simulated",
      principal: ROLE,
      decisions: [allowed("ses:GetEmailIdentity"), denied("ses:PutEmailIdentityDkimAttributes")],
    });
    expect(gate.detail.params).toMatchObject({ count: 1, total: 2, actions: "ses:PutEmailIdentityDkimAttributes" });
    expect(gate.lines?.map((line) => line.key)).toEqual(["gate.permissions.deniedLine", "gate.permissions.denied.hint", "gate.permissions.coverage"]);
    expect(gate.lines?.[0]?.params).toMatchObject({ action: "ses:PutEmailIdentityDkimAttributes", decision: "implicitDeny" });
  });

  it("warns, never blocks, when the simulation could not run", () => {
    const gate = checkPermissions({ kind: "notChecked", reason: msg("gate.permissions.noIam") }, "fail");
    expect(gate).toMatchObject({ status: "warn", detail: { key: "gate.permissions.notChecked" } });
  });
});

describe("who the simulation is for", () => {
  it.each([
    ["arn:aws:sts::123456789012:assumed-role/MailOps/operator", { kind: "role", roleName: "MailOps" }],
    [
      "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_MailOps_0123456789abcdef/alice@example.org",
      { kind: "role", roleName: "AWSReservedSSO_MailOps_0123456789abcdef" },
    ],
    ["arn:aws-cn:sts::123456789012:assumed-role/Ops/x", { kind: "role", roleName: "Ops" }],
    ["arn:aws:iam::123456789012:user/ops/bob", { kind: "user", arn: "arn:aws:iam::123456789012:user/ops/bob" }],
    ["arn:aws:iam::123456789012:root", { kind: "unsupported" }],
    ["arn:aws:sts::123456789012:federated-user/bob", { kind: "unsupported" }],
    ["not an arn", { kind: "unsupported" }],
  ] as const)("%s", (arn, expected) => {
    expect(simulatedPrincipal(arn)).toEqual(expected);
  });
});
