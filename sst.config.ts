/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  async app(input) {
    const production = input?.stage === "production";
    // Imported here: SST refuses top-level imports in this file.
    const { regionOf } = await import("./infra/region");
    const region = regionOf(input?.stage ?? "");
    console.log(`region: ${region} (infra/region.ts)`);
    return {
      name: "gourmetgram",
      home: "aws",
      // Production keeps its database and bucket if the stage is removed, and `sst remove`
      // refuses to run on it; staging and personal stages are disposable.
      removal: production ? "retain" : "remove",
      protect: production,
      // Pinned: the lowest version SST 4.17.1 accepts, and the one its platform ships.
      // Region from infra/region.ts, never the profile's or AWS_REGION.
      providers: { aws: { version: "7.20.0", region: region as aws.Region } },
    };
  },
  async run() {
    // Each module creates its resources when imported, so the order here is dependency order.
    await import("./infra/stage");
    await import("./infra/capacity");
    const { natIps } = await import("./infra/vpc");
    await import("./infra/database");
    const { images } = await import("./infra/storage");
    await import("./infra/secrets");
    await import("./infra/kafka");
    const { ruleName } = await import("./infra/traffic-schedule");
    await import("./infra/migrate");
    const { api } = await import("./infra/api");
    const { control } = await import("./infra/control");
    await import("./infra/relay");
    await import("./infra/generator-shard");
    await import("./infra/generator-wake");
    await import("./infra/generator");
    const { REGION } = await import("./infra/region");
    // natIps: the addresses a Kafka allowlist must name (none on a stage without NAT).
    return {
      region: REGION,
      api: api.url,
      control: control.url,
      bucket: images.name,
      trafficRule: ruleName,
      natIps,
    };
  },
});
