// The core is consumed through its concept folders (`@gg/core/db`, `@gg/core/kafka`, ...).
export * as Errors from "./errors/index";
