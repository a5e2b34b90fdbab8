/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    const production = input?.stage === "production";
    return {
      name: "gourmetgram",
      home: "aws",
      // Production keeps its database and bucket if the stage is removed, and `sst remove`
      // refuses to run on it; staging and personal stages are disposable.
      removal: production ? "retain" : "remove",
      protect: production,
      // Pinned: the lowest version SST 4.17.1 accepts, and the one its platform ships.
      providers: { aws: "7.20.0" },
    };
  },
  async run() {
    // Each module creates its resources when imported, so the order here is dependency order.
    await import("./infra/stage");
    await import("./infra/capacity");
    await import("./infra/vpc");
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
    await import("./infra/generator");
    return { api: api.url, control: control.url, bucket: images.name, trafficRule: ruleName };
  },
});
