import { AwsSettings } from "@gg/core/aws";
import {
  CLICKSTREAM_KINDS,
  CLICKSTREAM_TOPICS,
  type ClickstreamKind,
  KafkaSettings,
  TopicName,
} from "@gg/core/kafka";
import { DEFAULT_RATE_CEILINGS, RateCeilings } from "@gg/traffic/scenarios";
import { z } from "zod";

/**
 * The EventBridge rule the control plane switches. On AWS the deploy made the rule and names its
 * target (the generator); locally the rule lives on LocalStack and targets an SQS queue that the
 * local runner drains, both created at start (`queueName`).
 */
export const ScheduleSettings = z
  .object({
    ruleName: z.string().min(1).max(64),
    targetId: z.string().min(1).max(64).default("generator"),
    /** The deployed target (the generator function's ARN). */
    targetArn: z.string().min(1).optional(),
    /** Local: the SQS queue the rule delivers to; found or created at start. */
    queueName: z.string().min(1).max(80).optional(),
    scheduleExpression: z.string().default("rate(1 minute)"),
    aws: AwsSettings.prefault({}),
  })
  .refine((s) => Boolean(s.targetArn) !== Boolean(s.queueName), {
    message: "a schedule targets either targetArn (deployed) or queueName (local), not both",
  });
export type ScheduleSettings = z.infer<typeof ScheduleSettings>;

/** Topic name per clickstream kind (defaults: the registry's). */
const ClickstreamTopicNames = z
  .object(
    Object.fromEntries(
      CLICKSTREAM_KINDS.map((k) => [k, TopicName.default(CLICKSTREAM_TOPICS[k].name)]),
    ) as Record<ClickstreamKind, z.ZodDefault<typeof TopicName>>,
  )
  .strict();

/** Everything the control plane's dependencies are built from; each deployable fills it in. */
export const ControlSettings = z.object({
  databaseUrl: z.string().min(1),
  databasePoolSize: z.number().int().positive().default(4),
  /** Null: no direct delivery (clickstream streams and `stream: true` then fail UNAVAILABLE). */
  kafka: KafkaSettings.nullable(),
  /** Every control route needs it when set, reads included. */
  apiKey: z.string().min(1).optional(),
  /** Without a key, the Host names served besides loopback ones (`*`: any), as for the API. */
  allowedHosts: z.array(z.string().min(1)).optional(),
  clickstreamTopics: ClickstreamTopicNames.prefault({}),
  /**
   * The highest rate one stream of each scenario may ask for (events/second): what the generator
   * deployment is sized to fire. `POST /stream/start` refuses more, saying the ceiling.
   */
  rateCeilings: RateCeilings.default(DEFAULT_RATE_CEILINGS),
  /** Null: no rule to switch (a local run without LocalStack); streams still persist. */
  schedule: ScheduleSettings.nullable(),
});
export type ControlSettings = z.infer<typeof ControlSettings>;
export type ControlSettingsInput = z.input<typeof ControlSettings>;
