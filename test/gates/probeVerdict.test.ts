import { describe, expect, it } from "vitest";
import { judgeProbe, type ProbeSignature, receiverDkimResults } from "../../src/gates/probeVerdict.js";

const signature = (domain: string, selector: string, result = "pass", comment?: string): ProbeSignature => ({
  domain,
  selector,
  result,
  comment,
  aligned: domain === "goo.ne.jp",
});
const delivered = (...signatures: ProbeSignature[]) => ({ delivered: true as const, signatures, receiverResults: [] });
const expected = { domain: "goo.ne.jp", selector: "gooid-21-pro-20251201-1" };

describe("judgeProbe", () => {
  it.each([
    [
      "pass: signed by the expected selector",
      delivered(signature("goo.ne.jp", "gooid-21-pro-20251201-1"), signature("amazonses.com", "ug7")),
      "pass",
      "gooid-21-pro-20251201-1",
    ],
    ["pass whatever the case of d= and s=", delivered(signature("GOO.NE.JP", "GOOID-21-PRO-20251201-1")), "pass", "GOOID-21-PRO-20251201-1"],
    [
      "otherSelector: the old key still signs",
      delivered(signature("goo.ne.jp", "gooid-21-pro-20250917-3"), signature("amazonses.com", "ug7")),
      "otherSelector",
      "gooid-21-pro-20250917-3",
    ],
    ["amazonsesOnly: SES's own signature alone", delivered(signature("amazonses.com", "ug7")), "amazonsesOnly", undefined],
    ["unsigned: no signature at all (PENDING)", delivered(), "unsigned", undefined],
    ["unsigned: only a third party's signature", delivered(signature("mailinglist.example", "x")), "unsigned", undefined],
    [
      "failed: the expected selector's signature does not verify",
      delivered(signature("goo.ne.jp", "gooid-21-pro-20251201-1", "fail", "bad signature")),
      "failed",
      "gooid-21-pro-20251201-1",
    ],
    ["failed: the domain's only signature does not verify", delivered(signature("goo.ne.jp", "old", "neutral", "body hash did not verify")), "failed", "old"],
  ] as const)("%s", (_, receipt, kind, selector) => {
    const verdict = judgeProbe(expected, receipt);
    expect(verdict.kind).toBe(kind);
    expect(verdict.signature?.selector).toBe(selector);
  });

  it("says why a signature failed", () => {
    expect(judgeProbe(expected, delivered(signature("goo.ne.jp", expected.selector, "fail", "bad signature"))).reason).toBe("fail: bad signature");
    expect(judgeProbe(expected, delivered(signature("goo.ne.jp", expected.selector, "temperror"))).reason).toBe("temperror");
  });

  it("prefers a passing signature by the expected selector over a failing one of another", () => {
    const receipt = delivered(signature("goo.ne.jp", "old", "fail"), signature("goo.ne.jp", expected.selector));
    expect(judgeProbe(expected, receipt).kind).toBe("pass");
  });

  it("notDelivered when nothing came back in time", () => {
    expect(judgeProbe(expected, { delivered: false })).toEqual({ kind: "notDelivered" });
  });

  it("cannot pass without an expected selector: the domain's signature is some other selector's", () => {
    expect(judgeProbe({ domain: "goo.ne.jp", selector: undefined }, delivered(signature("goo.ne.jp", "s1"))).kind).toBe("otherSelector");
  });
});

describe("receiverDkimResults", () => {
  it("reads each dkim= of a receiver's Authentication-Results, comments dropped", () => {
    const header =
      "mx.google.example; dkim=pass header.i=@goo.ne.jp header.s=gooid-21-pro-20251201-1 header.b=AbC (comment; with semicolon? no);\r\n" +
      "       dkim=pass (2048-bit key) header.d=amazonses.com header.s=ug7 header.b=xyz; spf=pass smtp.mailfrom=bounce.goo.ne.jp; dmarc=pass header.from=goo.ne.jp";
    expect(receiverDkimResults([header])).toEqual([
      { authservId: "mx.google.example", result: "pass", domain: "goo.ne.jp", selector: "gooid-21-pro-20251201-1" },
      { authservId: "mx.google.example", result: "pass", domain: "amazonses.com", selector: "ug7" },
    ]);
  });

  it("dkim=none has no domain; a header without dkim yields nothing", () => {
    expect(receiverDkimResults(["mx.example; dkim=none", "mx.example; spf=pass smtp.mailfrom=goo.ne.jp"])).toEqual([
      { authservId: "mx.example", result: "none", domain: undefined, selector: undefined },
    ]);
  });
});
