import { describe, expect, it } from "vitest";
import { checkPermissions, checkPermissionsAcross } from "../../src/gates/permissionsGate.js";
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

describe("the permissions gate across two accounts (a member account's identity)", () => {
  const MEMBER = "arn:aws:iam::111111111111:role/byodkim-target";
  const operator = (decisions: readonly ReturnType<typeof allowed>[]) => ({ kind: "simulated", principal: ROLE, decisions }) as const;
  const member = (decisions: readonly ReturnType<typeof allowed>[]) => ({ kind: "simulated", principal: MEMBER, decisions }) as const;
  const notChecked = { kind: "notChecked", reason: msg("gate.permissions.noIam") } as const;

  it.each([
    ["both sides allowed", [operator([allowed("sts:AssumeRole")]), member([allowed("ses:GetEmailIdentity")])], "pass", "gate.permissions.pass"],
    [
      "the operator may not assume the role",
      [operator([denied("sts:AssumeRole")]), member([allowed("ses:GetEmailIdentity")])],
      "fail",
      "gate.permissions.denied",
    ],
    [
      "the role may not change SES",
      [operator([allowed("sts:AssumeRole")]), member([denied("ses:PutEmailIdentityDkimSigningAttributes")])],
      "fail",
      "gate.permissions.denied",
    ],
    ["the role's side could not be simulated", [operator([allowed("sts:AssumeRole")]), notChecked], "warn", "gate.permissions.notChecked"],
    ["a denial with the other side unsimulated", [operator([denied("s3:GetObject")]), notChecked], "fail", "gate.permissions.denied"],
    ["neither side simulated", [notChecked, notChecked], "warn", "gate.permissions.notChecked"],
  ] as const)("%s → %s", (_what, parts, status, key) => {
    const result = checkPermissionsAcross(parts);
    expect(result.status).toBe(status);
    expect(result.detail.key).toBe(key);
  });

  it("names both principals, and says which side was not simulated", () => {
    const both = checkPermissionsAcross([operator([allowed("sts:AssumeRole")]), member([allowed("ses:GetEmailIdentity")])]);
    expect(both.detail.params).toMatchObject({ count: 2, principal: `${ROLE}, ${MEMBER}` });
    const half = checkPermissionsAcross([operator([allowed("sts:AssumeRole")]), notChecked]);
    expect(half.lines?.[0]?.key).toBe("gate.permissions.noIam");
  });
});
