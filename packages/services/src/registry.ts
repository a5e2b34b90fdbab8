import { kafka } from "./kafka";
import { localstack } from "./localstack";
import { postgres } from "./postgres";
import { type Service, ServiceNames } from "./service";

export const services: readonly Service[] = [postgres, kafka, localstack];

/** The services named on the command line (all of them when none is named). */
export function pick(names: string[]): Service[] {
  const unknown = names.filter((n) => !(ServiceNames as readonly string[]).includes(n));
  if (unknown.length) {
    throw new Error(`unknown service ${unknown.join(", ")}: expected ${ServiceNames.join(", ")}`);
  }
  return names.length ? services.filter((s) => names.includes(s.name)) : [...services];
}
