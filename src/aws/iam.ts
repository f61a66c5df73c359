import type { IAMClient } from "@aws-sdk/client-iam";
import { callAws } from "./awsErrors.js";
import type { IamPort, SimulatedDecision, SimulationRequest } from "./types.js";

/** How many actions one simulation names at the most. */
const ACTIONS_PER_CALL = 100;

export function createIamPort(client: () => Promise<IAMClient>): IamPort {
  return {
    async roleArn(roleName) {
      const { GetRoleCommand } = await import("@aws-sdk/client-iam");
      const response = await callAws({ service: "IAM", action: "iam:GetRole", resource: `role/${roleName}` }, async () =>
        (await client()).send(new GetRoleCommand({ RoleName: roleName })),
      );
      return response.Role?.Arn ?? "";
    },

    async simulate(principalArn, requests) {
      const { SimulatePrincipalPolicyCommand } = await import("@aws-sdk/client-iam");
      // One simulation per set of condition keys: IAM judges every action on every resource of it, and
      // the pairs nobody asked about are dropped. A condition key is told only to the requests that carry it.
      const groups = new Map<string, SimulationRequest[]>();
      for (const request of requests) {
        const key = JSON.stringify(request.context ?? {});
        groups.set(key, [...(groups.get(key) ?? []), request]);
      }
      const context = { service: "IAM", action: "iam:SimulatePrincipalPolicy", resource: principalArn } as const;
      const decisions = await Promise.all(
        [...groups.values()].map(async (group) => {
          const entries = group[0]!.context ?? {};
          const asked = new Set(group.map((request) => `${request.action} ${request.resource}`));
          const actions = [...new Set(group.map((request) => request.action))];
          const resources = [...new Set(group.map((request) => request.resource))];
          const found: SimulatedDecision[] = [];
          for (let from = 0; from < actions.length; from += ACTIONS_PER_CALL) {
            let marker: string | undefined;
            do {
              const response = await callAws(context, async () =>
                (await client()).send(
                  new SimulatePrincipalPolicyCommand({
                    PolicySourceArn: principalArn,
                    ActionNames: actions.slice(from, from + ACTIONS_PER_CALL),
                    ResourceArns: resources,
                    ContextEntries: Object.entries(entries).map(([name, values]) => ({
                      ContextKeyName: name,
                      ContextKeyValues: [...values],
                      // Route 53's record names are one value per name of the change batch: a list, as ForAllValues reads it.
                      ContextKeyType: name === "route53:ChangeResourceRecordSetsNormalizedRecordNames" ? "stringList" : "string",
                    })),
                    ...(marker ? { Marker: marker } : {}),
                  }),
                ),
              );
              for (const result of response.EvaluationResults ?? []) {
                const action = result.EvalActionName ?? "?";
                const resource = result.EvalResourceName ?? "?";
                if (asked.has(`${action} ${resource}`)) found.push({ action, resource, decision: result.EvalDecision ?? "implicitDeny" });
              }
              marker = response.IsTruncated ? response.Marker : undefined;
            } while (marker);
          }
          return found;
        }),
      );
      return decisions.flat();
    },
  };
}
