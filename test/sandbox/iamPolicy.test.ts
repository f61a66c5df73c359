import { describe, expect, it } from "vitest";
import { type AuthorisationRequest, evaluatePolicy, type PolicyDecision } from "../../src/sandbox/iam/policy.js";
import { type PolicyDocument, type PolicyStatement, parsePolicyDocument } from "../../src/sandbox/iam/policyDocument.js";

const OBJECT = "arn:aws:s3:::keys/dkim/goo.ne.jp/sel.pem";
const IDENTITY = "arn:aws:ses:ap-northeast-1:123456789012:identity/goo.ne.jp";
const allow = (statement: Omit<PolicyStatement, "Effect">): PolicyStatement => ({ Effect: "Allow", ...statement });
const deny = (statement: Omit<PolicyStatement, "Effect">): PolicyStatement => ({ Effect: "Deny", ...statement });
const policyOf = (...statements: PolicyStatement[]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements });
const decide = (policy: PolicyDocument, request: AuthorisationRequest) => evaluatePolicy(policy, request).decision;

describe("evaluatePolicy: actions", () => {
  it.each<[string, PolicyStatement, string, PolicyDecision]>([
    ["an exact action", allow({ Action: "s3:GetObject", Resource: "*" }), "s3:GetObject", "allowed"],
    ["an action in another case", allow({ Action: "S3:getobject", Resource: "*" }), "s3:GetObject", "allowed"],
    ["service:*", allow({ Action: "s3:*", Resource: "*" }), "s3:PutObjectTagging", "allowed"],
    ["service:* of another service", allow({ Action: "s3:*", Resource: "*" }), "ses:SendEmail", "implicitDeny"],
    ["a prefix wildcard", allow({ Action: "s3:Get*", Resource: "*" }), "s3:GetObjectTagging", "allowed"],
    ["a prefix wildcard that does not fit", allow({ Action: "s3:Get*", Resource: "*" }), "s3:PutObject", "implicitDeny"],
    ["? for exactly one character", allow({ Action: "ses:?etEmailIdentity", Resource: "*" }), "ses:GetEmailIdentity", "allowed"],
    ["? needs a character", allow({ Action: "ses:?GetEmailIdentity", Resource: "*" }), "ses:GetEmailIdentity", "implicitDeny"],
    ["* alone", allow({ Action: "*", Resource: "*" }), "iam:GetRole", "allowed"],
    ["one of a list", allow({ Action: ["s3:PutObject", "s3:GetObject"], Resource: "*" }), "s3:GetObject", "allowed"],
    ["an action the policy does not name", allow({ Action: "s3:PutObject", Resource: "*" }), "s3:GetObject", "implicitDeny"],
    ["NotAction: an action outside the list", allow({ NotAction: "iam:*", Resource: "*" }), "s3:GetObject", "allowed"],
    ["NotAction: an action inside the list", allow({ NotAction: ["iam:*", "s3:Delete*"], Resource: "*" }), "s3:DeleteObject", "implicitDeny"],
  ])("%s", (_, statement, action, expected) => {
    expect(decide(policyOf(statement), { action, resource: OBJECT })).toBe(expected);
  });
});

describe("evaluatePolicy: resources", () => {
  it.each<[string, PolicyStatement, string, PolicyDecision]>([
    ["an exact ARN", allow({ Action: "s3:GetObject", Resource: OBJECT }), OBJECT, "allowed"],
    ["a key prefix with *", allow({ Action: "s3:GetObject", Resource: "arn:aws:s3:::keys/dkim/*" }), OBJECT, "allowed"],
    ["* spans slashes", allow({ Action: "s3:GetObject", Resource: "arn:aws:s3:::keys/*.pem" }), OBJECT, "allowed"],
    ["the bucket ARN is not its objects", allow({ Action: "s3:GetObject", Resource: "arn:aws:s3:::keys" }), OBJECT, "implicitDeny"],
    ["ARNs are case sensitive", allow({ Action: "s3:GetObject", Resource: "arn:aws:s3:::KEYS/*" }), OBJECT, "implicitDeny"],
    ["? in a resource", allow({ Action: "s3:GetObject", Resource: "arn:aws:s3:::key?/*" }), OBJECT, "allowed"],
    ["NotResource: a resource outside it", allow({ Action: "s3:GetObject", NotResource: "arn:aws:s3:::other/*" }), OBJECT, "allowed"],
    ["NotResource: a resource inside it", allow({ Action: "s3:GetObject", NotResource: ["arn:aws:s3:::keys/*"] }), OBJECT, "implicitDeny"],
    ["a region wildcard", allow({ Action: "ses:*", Resource: "arn:aws:ses:*:123456789012:identity/*" }), IDENTITY, "allowed"],
    ["another account", allow({ Action: "ses:*", Resource: "arn:aws:ses:*:999999999999:identity/*" }), IDENTITY, "implicitDeny"],
  ])("%s", (_, statement, resource, expected) => {
    const action = resource.startsWith("arn:aws:ses:") ? "ses:GetEmailIdentity" : "s3:GetObject";
    expect(decide(policyOf(statement), { action, resource })).toBe(expected);
  });
});

describe("evaluatePolicy: Allow, Deny and nothing", () => {
  const request = { action: "s3:DeleteObject", resource: OBJECT };
  it.each<[string, PolicyDocument, PolicyDecision]>([
    [
      "a Deny wins over an Allow of the same request",
      policyOf(allow({ Action: "s3:*", Resource: "*" }), deny({ Action: "s3:DeleteObject", Resource: "*" })),
      "explicitDeny",
    ],
    ["a Deny wins whichever comes first", policyOf(deny({ Action: "s3:Delete*", Resource: OBJECT }), allow({ Action: "*", Resource: "*" })), "explicitDeny"],
    [
      "a Deny of something else leaves the Allow",
      policyOf(allow({ Action: "s3:*", Resource: "*" }), deny({ Action: "s3:PutObject", Resource: "*" })),
      "allowed",
    ],
    ["a Deny alone is still a deny", policyOf(deny({ Action: "s3:DeleteObject", Resource: "*" })), "explicitDeny"],
    ["nothing that matches is the implicit deny", policyOf(allow({ Action: "ses:*", Resource: "*" })), "implicitDeny"],
    ["a lone Statement object (not a list)", { Version: "2012-10-17", Statement: allow({ Action: "s3:DeleteObject", Resource: "*" }) }, "allowed"],
  ])("%s", (_, policy, expected) => {
    expect(decide(policy, request)).toBe(expected);
  });

  it("names the statements that decided: the Deny ones on a deny, the Allow ones on an allow, none on the implicit deny", () => {
    const policy = policyOf(
      allow({ Sid: "Keys", Action: "s3:*", Resource: "arn:aws:s3:::keys/*" }),
      allow({ Action: "s3:Get*", Resource: "*" }),
      deny({ Sid: "NoDelete", Action: "s3:DeleteObject", Resource: "*" }),
    );
    expect(evaluatePolicy(policy, { action: "s3:GetObject", resource: OBJECT }).matchedStatements).toEqual([
      { index: 0, sid: "Keys" },
      { index: 1, sid: undefined },
    ]);
    expect(evaluatePolicy(policy, { action: "s3:DeleteObject", resource: OBJECT }).matchedStatements).toEqual([{ index: 2, sid: "NoDelete" }]);
    expect(evaluatePolicy(policy, { action: "ses:SendEmail", resource: IDENTITY }).matchedStatements).toEqual([]);
  });
});

describe("evaluatePolicy: conditions", () => {
  const listKeys = (Condition: PolicyStatement["Condition"]) => policyOf(allow({ Action: "s3:ListBucket", Resource: "arn:aws:s3:::keys", Condition }));
  const list = (context: Record<string, string[]>): AuthorisationRequest => ({ action: "s3:ListBucket", resource: "arn:aws:s3:::keys", context });

  it.each<[string, PolicyStatement["Condition"], Record<string, string[]>, PolicyDecision]>([
    ["StringEquals that holds", { StringEquals: { "s3:prefix": "dkim/" } }, { "s3:prefix": ["dkim/"] }, "allowed"],
    ["StringEquals is case sensitive in its values", { StringEquals: { "s3:prefix": "DKIM/" } }, { "s3:prefix": ["dkim/"] }, "implicitDeny"],
    ["condition key names are not case sensitive", { StringEquals: { "S3:Prefix": "dkim/" } }, { "s3:prefix": ["dkim/"] }, "allowed"],
    ["one of the policy's values", { StringEquals: { "s3:prefix": ["", "dkim/"] } }, { "s3:prefix": ["dkim/"] }, "allowed"],
    ["StringEquals with the key missing fails", { StringEquals: { "s3:prefix": "dkim/" } }, {}, "implicitDeny"],
    ["StringNotEquals that holds", { StringNotEquals: { "s3:prefix": "secret/" } }, { "s3:prefix": ["dkim/"] }, "allowed"],
    ["StringNotEquals that fails", { StringNotEquals: { "s3:prefix": ["secret/", "dkim/"] } }, { "s3:prefix": ["dkim/"] }, "implicitDeny"],
    ["StringNotEquals with the key missing holds (IAM: a negated operator passes)", { StringNotEquals: { "s3:prefix": "x/" } }, {}, "allowed"],
    ["StringEqualsIgnoreCase", { StringEqualsIgnoreCase: { "s3:prefix": "DKIM/" } }, { "s3:prefix": ["dkim/"] }, "allowed"],
    ["StringLike with *", { StringLike: { "s3:prefix": "dkim/*" } }, { "s3:prefix": ["dkim/goo.ne.jp/"] }, "allowed"],
    ["StringLike that does not fit", { StringLike: { "s3:prefix": "dkim/*" } }, { "s3:prefix": ["secrets/"] }, "implicitDeny"],
    ["StringLike with the key missing fails", { StringLike: { "s3:prefix": "*" } }, {}, "implicitDeny"],
    ["StringNotLike that holds", { StringNotLike: { "s3:prefix": "secrets/*" } }, { "s3:prefix": ["dkim/"] }, "allowed"],
    ["StringNotLike that fails", { StringNotLike: { "s3:prefix": "dkim*" } }, { "s3:prefix": ["dkim/"] }, "implicitDeny"],
    ["StringEqualsIfExists with the key missing holds", { StringEqualsIfExists: { "s3:prefix": "dkim/" } }, {}, "allowed"],
    ["StringEqualsIfExists with another value fails", { StringEqualsIfExists: { "s3:prefix": "dkim/" } }, { "s3:prefix": ["x/"] }, "implicitDeny"],
    ["a multi-valued key matches if any value does", { StringEquals: { "s3:prefix": "dkim/" } }, { "s3:prefix": ["x/", "dkim/"] }, "allowed"],
    ["ForAllValues needs every value to match", { "ForAllValues:StringLike": { "s3:prefix": "dkim/*" } }, { "s3:prefix": ["dkim/a", "x/"] }, "implicitDeny"],
    ["ForAllValues with the key missing holds", { "ForAllValues:StringLike": { "s3:prefix": "dkim/*" } }, {}, "allowed"],
    ["ForAnyValue with the key missing fails", { "ForAnyValue:StringLike": { "s3:prefix": "dkim/*" } }, {}, "implicitDeny"],
    ["Null true: the key must be absent", { Null: { "s3:x-amz-server-side-encryption": "true" } }, {}, "allowed"],
    [
      "Null true with the key present fails",
      { Null: { "s3:x-amz-server-side-encryption": "true" } },
      { "s3:x-amz-server-side-encryption": ["AES256"] },
      "implicitDeny",
    ],
    [
      "Null false: the key must be present",
      { Null: { "s3:x-amz-server-side-encryption": "false" } },
      { "s3:x-amz-server-side-encryption": ["AES256"] },
      "allowed",
    ],
    ["Null false with the key absent fails", { Null: { "s3:x-amz-server-side-encryption": false } }, {}, "implicitDeny"],
    ["Bool true", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": ["TRUE"] }, "allowed"],
    ["Bool given as a JSON boolean", { Bool: { "aws:SecureTransport": true } }, { "aws:SecureTransport": ["true"] }, "allowed"],
    ["Bool that does not hold", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": ["false"] }, "implicitDeny"],
    ["Bool with the key missing fails", { Bool: { "aws:SecureTransport": "true" } }, {}, "implicitDeny"],
    [
      "every operator must hold",
      { StringLike: { "s3:prefix": "dkim/*" }, Null: { "s3:delimiter": "true" } },
      { "s3:prefix": ["dkim/"], "s3:delimiter": ["/"] },
      "implicitDeny",
    ],
    ["every key must hold", { StringEquals: { "s3:prefix": "dkim/", "s3:delimiter": "/" } }, { "s3:prefix": ["dkim/"], "s3:delimiter": ["/"] }, "allowed"],
  ])("%s", (_, condition, context, expected) => {
    expect(decide(listKeys(condition), list(context))).toBe(expected);
  });

  it.each<[string, PolicyStatement["Condition"], string, PolicyDecision]>([
    ["ArnLike with a wildcard in the resource part", { ArnLike: { "aws:SourceArn": "arn:aws:ses:*:123456789012:identity/*" } }, IDENTITY, "allowed"],
    ["ArnLike: a region * cannot reach into the account", { ArnLike: { "aws:SourceArn": "arn:aws:ses:*" } }, IDENTITY, "implicitDeny"],
    [
      "ArnEquals takes wildcards as IAM does",
      { ArnEquals: { "aws:SourceArn": "arn:aws:ses:ap-northeast-1:123456789012:identity/goo.*" } },
      IDENTITY,
      "allowed",
    ],
    [
      "ArnEquals of another identity",
      { ArnEquals: { "aws:SourceArn": "arn:aws:ses:ap-northeast-1:123456789012:identity/other.jp" } },
      IDENTITY,
      "implicitDeny",
    ],
    ["ArnNotLike of another identity", { ArnNotLike: { "aws:SourceArn": "arn:aws:ses:*:*:identity/other.jp" } }, IDENTITY, "allowed"],
    ["ArnLike is case sensitive", { ArnLike: { "aws:SourceArn": "arn:aws:ses:*:*:identity/GOO.NE.JP" } }, IDENTITY, "implicitDeny"],
  ])("%s", (_, Condition, sourceArn, expected) => {
    const policy = policyOf(allow({ Action: "ses:SendEmail", Resource: "*", Condition }));
    expect(decide(policy, { action: "ses:SendEmail", resource: IDENTITY, context: { "aws:SourceArn": [sourceArn] } })).toBe(expected);
  });

  it("a condition on a Deny: the Deny applies only when the condition holds", () => {
    const policy = policyOf(
      allow({ Action: "s3:PutObject", Resource: "*" }),
      deny({ Action: "s3:PutObject", Resource: "*", Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } }),
    );
    const put = (context: Record<string, string[]>) => decide(policy, { action: "s3:PutObject", resource: OBJECT, context });
    expect(put({ "s3:x-amz-server-side-encryption": ["aws:kms"] })).toBe("allowed");
    expect(put({ "s3:x-amz-server-side-encryption": ["AES256"] })).toBe("explicitDeny");
    // No header at all: the negated operator holds, so the Deny applies.
    expect(put({})).toBe("explicitDeny");
  });

  it("reports the condition keys the covering statements asked about and the request lacked, once each", () => {
    const policy = policyOf(
      allow({ Action: "s3:ListBucket", Resource: "*", Condition: { StringLike: { "s3:prefix": "dkim/*" }, Null: { "s3:delimiter": "true" } } }),
      allow({ Action: "s3:ListBucket", Resource: "*", Condition: { StringEqualsIfExists: { "S3:Prefix": "x", "aws:SecureTransport": "true" } } }),
      allow({ Action: "ses:*", Resource: "*", Condition: { StringEquals: { "ses:FromAddress": "a@b" } } }),
    );
    const result = evaluatePolicy(policy, { action: "s3:ListBucket", resource: "arn:aws:s3:::keys", context: { "s3:delimiter": ["/"] } });
    expect(result.missingContextValues).toEqual(["s3:prefix", "aws:SecureTransport"]);
    expect(result.decision).toBe("allowed");
  });
});

describe("parsePolicyDocument", () => {
  it("accepts IAM's grammar and hands the document back as it was", () => {
    const policy = {
      Version: "2012-10-17",
      Statement: { Sid: "A", Effect: "Allow", Action: ["s3:GetObject"], Resource: "*", Condition: { Bool: { "aws:SecureTransport": true } } },
    };
    expect(parsePolicyDocument(policy)).toEqual(policy);
  });

  it.each<[string, unknown, RegExp]>([
    ["a list instead of an object", [], /JSON object/],
    ["no Statement", { Version: "2012-10-17" }, /no Statement/],
    ["an empty Statement list", { Version: "2012-10-17", Statement: [] }, /no Statement/],
    ["an unknown Version", { Version: "2020-01-01", Statement: [] }, /Version/],
    ["an Effect in lower case", { Statement: { Effect: "allow", Action: "*", Resource: "*" } }, /Effect/],
    ["both Action and NotAction", { Statement: { Effect: "Allow", Action: "*", NotAction: "iam:*", Resource: "*" } }, /exactly one of Action and NotAction/],
    ["no Resource", { Statement: { Effect: "Allow", Action: "*" } }, /exactly one of Resource and NotResource/],
    ["an empty Action list", { Statement: { Effect: "Allow", Action: [], Resource: "*" } }, /Action must be/],
    ["a Principal (a resource policy)", { Statement: { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" } }, /names no principal/],
    [
      "an operator the sandbox does not evaluate",
      { Statement: { Effect: "Allow", Action: "*", Resource: "*", Condition: { NumericLessThan: { "s3:max-keys": 10 } } } },
      /NumericLessThan/,
    ],
    ["a qualified Null", { Statement: { Effect: "Allow", Action: "*", Resource: "*", Condition: { "ForAnyValue:Null": { k: "true" } } } }, /ForAnyValue:Null/],
    ["a policy variable", { Statement: { Effect: "Allow", Action: "s3:*", Resource: `arn:aws:s3:::home/${"${"}aws:username}/*` } }, /policy variable/],
    [
      "a policy variable in a condition other than the caller's organization",
      { Statement: { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "s3:prefix": `${"${"}aws:username}` } } } },
      /policy variable/,
    ],
  ])("refuses %s", (_, document, reason) => {
    expect(() => parsePolicyDocument(document)).toThrow(reason);
  });
});

describe("evaluatePolicy: the caller's organization as a policy variable", () => {
  const sameOrganization = parsePolicyDocument({
    Version: "2012-10-17",
    Statement: {
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Resource: "arn:aws:iam::*:role/byodkim-target",
      Condition: { StringEquals: { "aws:ResourceOrgID": `${"${"}aws:PrincipalOrgID}` } },
    },
  });
  const assume = (context: Record<string, string[]>): AuthorisationRequest => ({
    action: "sts:AssumeRole",
    resource: "arn:aws:iam::222222222222:role/byodkim-target",
    context,
  });
  it.each<[string, Record<string, string[]>, PolicyDecision]>([
    ["the role in the caller's organization", { "aws:ResourceOrgID": ["o-a"], "aws:PrincipalOrgID": ["o-a"] }, "allowed"],
    ["the role in another organization", { "aws:ResourceOrgID": ["o-b"], "aws:PrincipalOrgID": ["o-a"] }, "implicitDeny"],
    ["a role in no organization", { "aws:PrincipalOrgID": ["o-a"] }, "implicitDeny"],
    ["a caller in no organization", { "aws:ResourceOrgID": ["o-a"] }, "implicitDeny"],
  ])("%s: %s", (_, context, decision) => {
    expect(evaluatePolicy(sameOrganization, assume(context)).decision).toBe(decision);
  });
});
