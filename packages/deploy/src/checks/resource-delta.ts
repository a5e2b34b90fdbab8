/** A resource as Pulumi names it: its type and its name (the URN's last part). */
export interface ResourceRef {
  type: string;
  name: string;
}

interface StateResource {
  type?: string;
  urn?: string;
}

const key = (r: ResourceRef) => `${r.type} ${r.name}`;

/** The AWS resources of a stage's Pulumi state (components and providers left out). */
export function stateResources(resources: readonly StateResource[]): ResourceRef[] {
  return resources
    .filter((r) => r.type?.startsWith("aws:") && r.urn)
    .map((r) => ({ type: r.type!, name: r.urn!.split("::").at(-1)! }));
}

/**
 * What a deploy would add and remove: the resources the program declares now (`planned`, from
 * the mock evaluation) against those the state holds. Property changes are not visible here.
 */
export function resourceDelta(deployed: readonly ResourceRef[], planned: readonly ResourceRef[]) {
  const have = new Set(deployed.map(key));
  const want = new Set(planned.filter((r) => r.type.startsWith("aws:")).map(key));
  return {
    create: [...want].filter((k) => !have.has(k)).sort(),
    remove: [...have].filter((k) => !want.has(k)).sort(),
  };
}
