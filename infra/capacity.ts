import { capacityPlan } from "./capacity-plan";
import { capacityEventsPerSecond } from "./stage";

/** The stage's sizing (infra/capacity-plan.ts): database.ts, api.ts and migrate.ts apply it. */
export const plan = capacityPlan(capacityEventsPerSecond);

// Resource.Capacity: the rate the stage is sized for, as the rate ceiling of the generator and
// the control plane (a stream faster than this would outrun the API's reserved concurrency and
// the database), and the topic partitions the migrate function creates.
export const capacity = new sst.Linkable("Capacity", {
  properties: {
    eventsPerSecond: plan.eventsPerSecond,
    apiConcurrency: plan.apiConcurrency,
    generatorShards: plan.generatorShards,
    kafkaPartitions: plan.kafkaPartitions,
  },
});
