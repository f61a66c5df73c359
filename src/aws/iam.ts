import type { IAMClient } from "@aws-sdk/client-iam";
import { callAws } from "./awsErrors.js";
import type { IamPort, SimulatedDecision, SimulationRequest } from "./types.js";

/** Requests that share a resource and context go out as one simulation; IAM takes up to this many actions per call. */
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
      const groups = new Map<string, SimulationRequest[]>();
      for (const request of requests) {
        const key = JSON.stringify([request.resource, request.context ?? {}]);
        groups.set(key, [...(groups.get(key) ?? []), request]);
      }
      const context = { service: "IAM", action: "iam:SimulatePrincipalPolicy", resource: principalArn } as const;
      const decisions = await Promise.all(
        [...groups.values()].map(async (group) => {
          const { resource, context: entries = {} } = group[0]!;
          const found: SimulatedDecision[] = [];
          for (let from = 0; from < group.length; from += ACTIONS_PER_CALL) {
            let marker: string | undefined;
            do {
              const response = await callAws(context, async () =>
                (await client()).send(
                  new SimulatePrincipalPolicyCommand({
                    PolicySourceArn: principalArn,
                    ActionNames: group.slice(from, from + ACTIONS_PER_CALL).map((request) => request.action),
                    ResourceArns: [resource],
                    ContextEntries: Object.entries(entries).map(([name, values]) => ({
                      ContextKeyName: name,
                      ContextKeyValues: [...values],
                      ContextKeyType: "string",
                    })),
                    ...(marker ? { Marker: marker } : {}),
                  }),
                ),
              );
              for (const result of response.EvaluationResults ?? []) {
                found.push({
                  action: result.EvalActionName ?? "?",
                  resource: result.EvalResourceName ?? resource,
                  decision: result.EvalDecision ?? "implicitDeny",
                });
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
