import type { DkimSnapshot } from "../../src/engine/change/dkimSettings.js";

/** SES's DKIM settings as a snapshot records them: a healthy Easy DKIM identity unless told otherwise. */
export const dkimSnapshot = (over: Partial<DkimSnapshot> = {}): DkimSnapshot => ({
  origin: "AWS_SES",
  tokens: ["t1", "t2", "t3"],
  signingEnabled: true,
  status: "SUCCESS",
  signingHostedZone: "dkim.amazonses.com",
  keyLength: "RSA_2048_BIT",
  takenAt: "2026-12-01T00:00:00.000Z",
  ...over,
});
