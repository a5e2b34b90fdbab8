import { privateNetwork } from "./network";

/** What the rest of infra/ needs of the stage's VPC, whichever way it is built. */
export interface StageVpc {
  id: $util.Output<string>;
  publicSubnets: $util.Output<string[]>;
  /** SST's component, on a private stage only: the functions and RDS join it whole. */
  private?: sst.aws.Vpc;
}

// Two AZs because RDS needs a subnet group spanning two. A private stage (infra/network.ts) gets
// one fck-nat t4g.nano per AZ (SST makes one per AZ; a managed NAT gateway costs ~10x): its
// functions sit in the private subnets and must reach the external Kafka, the API's public URL
// and the EventBridge API.
function privateVpc(): StageVpc {
  const vpc = new sst.aws.Vpc("Vpc", { az: 2, nat: "ec2" });
  const publicSubnets = vpc.publicSubnets.apply((ids) => $util.all(ids));
  return { id: vpc.id, publicSubnets, private: vpc };
}

// A public stage has no NAT and no function in the VPC: it holds only RDS, in two public subnets.
// Built from plain resources because sst.aws.Vpc always adds a Cloud Map namespace, a Route 53
// private zone billed $0.50 a month, that nothing on a public stage resolves. The layout is
// SST's (10.0.0.0/16, /22 subnets in the region's first two available AZs), less the private
// subnets; the subnets don't map public IPs on launch, as RDS takes its address from
// publiclyAccessible and no EC2 instance runs here.
function publicVpc(): StageVpc {
  const vpc = new aws.ec2.Vpc("Vpc", {
    cidrBlock: "10.0.0.0/16",
    enableDnsSupport: true,
    // RDS gives a publicly accessible instance a public DNS name only with both DNS settings on.
    enableDnsHostnames: true,
    tags: { Name: `${$app.name}-${$app.stage} VPC` },
  });
  const gateway = new aws.ec2.InternetGateway("VpcInternetGateway", { vpcId: vpc.id });
  const routes = new aws.ec2.RouteTable("VpcPublicRouteTable", {
    vpcId: vpc.id,
    routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }],
  });
  const zones = aws.getAvailabilityZonesOutput({ state: "available" }).names;
  const subnets = [0, 1].map((i) => {
    const subnet = new aws.ec2.Subnet(`VpcPublicSubnet${i + 1}`, {
      vpcId: vpc.id,
      cidrBlock: `10.0.${8 * i}.0/22`,
      availabilityZone: zones.apply((names) => {
        const zone = names[i];
        if (!zone) throw new Error(`the region has ${names.length} available AZ(s); RDS needs 2`);
        return zone;
      }),
    });
    new aws.ec2.RouteTableAssociation(`VpcPublicRouteTableAssociation${i + 1}`, {
      subnetId: subnet.id,
      routeTableId: routes.id,
    });
    return subnet.id;
  });
  return { id: vpc.id, publicSubnets: $util.all(subnets) };
}

export const vpc: StageVpc = privateNetwork ? privateVpc() : publicVpc();

/** The stage's fixed egress addresses for a Kafka allowlist (none without NAT). */
export const natIps = vpc.private
  ? vpc.private.nodes.elasticIps.apply((ips) => $util.all(ips.map((ip) => ip.publicIp)))
  : $util.output([] as string[]);
