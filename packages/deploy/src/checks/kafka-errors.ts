// kafkajs failures, as the one line a person acts on. kafkajs wraps a broker's error in
// KafkaJSNumberOfRetriesExceeded / KafkaJSNonRetriableError (`cause`, `originalError`).

/** The chain of causes of an error, outermost first. */
function chain(e: unknown): { name: string; message: string; code?: string; type?: string }[] {
  const out = [];
  for (let c = e as Record<string, unknown> | undefined; c && out.length < 6; ) {
    out.push({
      name: String(c.name ?? ""),
      message: String(c.message ?? c),
      code: c.code === undefined ? undefined : String(c.code),
      type: c.type === undefined ? undefined : String(c.type),
    });
    c = (c.cause ?? c.originalError) as Record<string, unknown> | undefined;
  }
  return out;
}

export type KafkaFailure = "auth" | "tls" | "unreachable" | "denied" | "refused" | "other";

/** What went wrong: refused credentials, TLS, no answer, no right, a refused request. */
export function classify(e: unknown): { kind: KafkaFailure; message: string } {
  const causes = chain(e);
  const inner = causes.at(-1)!;
  const any = (test: (c: (typeof causes)[number]) => boolean) => causes.some(test);
  const message = inner.message;
  if (any((c) => /SASLAuthentication/.test(c.name) || c.type === "SASL_AUTHENTICATION_FAILED")) {
    return { kind: "auth", message };
  }
  if (any((c) => /AUTHORIZATION_FAILED/.test(c.type ?? ""))) return { kind: "denied", message };
  const tls = (c: (typeof causes)[number]) =>
    /^(ERR_SSL|ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|EPROTO)/.test(c.code ?? "") ||
    /secure TLS connection|SSL routines|wrong version number|certificate/i.test(c.message);
  if (any(tls)) return { kind: "tls", message };
  if (
    any(
      (c) =>
        /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ECONNRESET/.test(c.code ?? "") ||
        /Connection(Timeout|Error)|RequestTimeout|timed out|no answer/i.test(
          `${c.name} ${c.message}`,
        ),
    )
  ) {
    return { kind: "unreachable", message };
  }
  if (any((c) => /POLICY_VIOLATION|INVALID_(PARTITIONS|REPLICATION)/.test(c.type ?? ""))) {
    return { kind: "refused", message };
  }
  return { kind: "other", message };
}
