import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const EXAMPLE = readFileSync(fileURLToPath(new URL("../../byodkim.config.example.yaml", import.meta.url)), "utf8");

/** The operations account's (the example's accountId), and two member accounts: one whose role asks an external id, one whose role has a path. */
export const OPERATIONS_ACCOUNT = "123456789012";
export const WITH_EXTERNAL_ID = { id: "210987654321", roleArn: "arn:aws:iam::210987654321:role/byodkim-target", externalId: "byodkim-ops-7f3a" } as const;
export const WITHOUT_EXTERNAL_ID = { id: "333333333333", roleArn: "arn:aws:iam::333333333333:role/mail/byodkim-target" } as const;

/**
 * The example config with one more identity of the operations account (in two regions) and the two
 * member accounts: shop.example.jp in two regions and news.example.jp in the region in force under
 * the first, brand.example.com under the second.
 */
export const MEMBER_ACCOUNTS_YAML = `${EXAMPLE}
identities:
  - domain: mail.goo.ne.jp
    regions: [ap-northeast-1, ap-northeast-3]
accounts:
  - id: "${WITH_EXTERNAL_ID.id}"
    roleArn: ${WITH_EXTERNAL_ID.roleArn}
    externalId: ${WITH_EXTERNAL_ID.externalId}
    identities:
      - domain: shop.example.jp
        regions: [ap-northeast-1, us-east-1]
      - domain: news.example.jp
  - id: "${WITHOUT_EXTERNAL_ID.id}"
    roleArn: ${WITHOUT_EXTERNAL_ID.roleArn}
    identities:
      - domain: brand.example.com
`;

export const MEMBER_DOMAINS = ["shop.example.jp", "news.example.jp", "brand.example.com"] as const;
