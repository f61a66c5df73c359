import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { callAws } from "./awsErrors.js";
import type { AlarmFacts, AlarmState, AlarmsPort } from "./types.js";

// DescribeAlarms takes at most 100 names per call.
const NAMES_PER_CALL = 100;

export function createAlarmsPort(client: () => Promise<CloudWatchClient>): AlarmsPort {
  return {
    async describeAlarms(names) {
      if (names.length === 0) return [];
      const { DescribeAlarmsCommand } = await import("@aws-sdk/client-cloudwatch");
      const context = { service: "CloudWatch", action: "cloudwatch:DescribeAlarms", resource: names.join(",") } as const;
      const found: AlarmFacts[] = [];
      for (let i = 0; i < names.length; i += NAMES_PER_CALL) {
        let token: string | undefined;
        do {
          const page = await callAws(context, async () =>
            (await client()).send(
              new DescribeAlarmsCommand({
                AlarmNames: names.slice(i, i + NAMES_PER_CALL),
                AlarmTypes: ["MetricAlarm", "CompositeAlarm"],
                NextToken: token,
              }),
            ),
          );
          for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
            if (!alarm.AlarmName || !alarm.StateValue) continue;
            found.push({
              name: alarm.AlarmName,
              state: alarm.StateValue as AlarmState,
              stateUpdatedAt: alarm.StateUpdatedTimestamp?.toISOString(),
              stateReason: alarm.StateReason,
            });
          }
          token = page.NextToken;
        } while (token);
      }
      return found;
    },
  };
}
