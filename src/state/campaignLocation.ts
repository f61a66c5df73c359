import { keysFolder } from "./lock.js";

/*
 * A campaign's records live in the keys bucket beside the locks, outside every selector listing:
 *   <keys folder>/plans/<plan id>.json                          the plan, as sealed
 *   <keys folder>/plans/<plan id>.approvals/<principal>.json    one approval per person
 * One object per approver (not one list that each approver rewrites) makes every approval its own
 * create-once write: two people approving at the same moment cannot lose each other's approval,
 * and a second approval by the same person meets the first one's object and S3's 412.
 */

type KeysSetting = { readonly bucket: string; readonly key: string };

export interface CampaignLocation {
  readonly bucket: string;
  /** Every plan and approval is under it. */
  readonly plansPrefix: string;
}

export function campaignLocation(keys: KeysSetting): CampaignLocation {
  return { bucket: keys.bucket, plansPrefix: `${keysFolder(keys.key)}plans/` };
}

/** `id`: the plan's SHA-256 in hex, as planId gives it. */
export const planKey = (keys: KeysSetting, id: string): string => `${campaignLocation(keys).plansPrefix}${id}.json`;

/** The listing of a plan's approvals. */
export const approvalsPrefix = (keys: KeysSetting, id: string): string => `${campaignLocation(keys).plansPrefix}${id}.approvals/`;

/**
 * `principalKey`: Principal.key, which is the same for one person however their ARN is spelt. It is
 * percent-encoded (encodeURIComponent, which encodes `%` too), so a `/` in it opens no folder and
 * no two principal keys share an object.
 */
export const approvalKey = (keys: KeysSetting, id: string, principalKey: string): string =>
  `${approvalsPrefix(keys, id)}${encodeURIComponent(principalKey)}.json`;
