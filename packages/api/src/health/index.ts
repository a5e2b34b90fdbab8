/** The health check's logic apart from its route: probes, their states, and sharing their runs. */
export { type DependencyState, probeAll, shared } from "./probes";
