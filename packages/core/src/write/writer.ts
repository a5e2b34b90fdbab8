import { fromPgError, pgDetails } from "../db/index";
import { AppError, conflict } from "../errors/index";
import { claimId } from "../idempotency/index";
import type { Queryable } from "../sql/index";
import { type GroupCommitOptions, groupCommit } from "./group-commit";
import type { WriteKind, WriteRequest, WriteResult } from "./kind";
import { batchParams, batchStatement, type Prepared } from "./statement";

/** Writes one kind of request; requests that arrive together share one statement. */
export interface Writer<I> {
  /** Resolves once the write is committed; rejects with an AppError for this request alone. */
  submit(req: WriteRequest<I>): Promise<WriteResult>;
}

interface Row {
  ord: number;
  body: string | null;
  prior_hash: string | null;
  prior_body: string | null;
  failed: number | null;
}

type Outcome = WriteResult | { error: AppError };

export interface WriterOptions extends GroupCommitOptions {
  /**
   * Send the statement named, so each connection parses (and, with generic plans, plans) it once
   * (default true); off behind a pooler that pins the session of a named statement.
   */
  prepared?: boolean;
}

/** A writer of `kind` on `db` (a pool: each statement takes a connection for its round trip). */
export function createWriter<I>(
  db: Queryable,
  kind: WriteKind<I>,
  options: WriterOptions = {},
): Writer<I> {
  const text = batchStatement(kind);
  const name = options.prepared === false ? undefined : `gg_write_${kind.name}`;

  async function write(batch: Prepared<I>[], retried = false): Promise<Outcome[]> {
    try {
      const { rows } = await db.query<Row>({ name, text, values: batchParams(kind, batch) });
      return batch.map((p, i) => decode(kind, p, rows[i]));
    } catch (e) {
      const details = pgDetails(e);
      const perRequest = /^(22|23|40)/.test(details?.code ?? "");
      // One request's bad data, or a key claimed by a concurrent transaction, fails the whole
      // statement: run each request alone, so each gets its own answer.
      if (batch.length > 1 && perRequest) {
        return (await Promise.all(batch.map((p) => write([p])))).flat();
      }
      // Alone, a key claimed meanwhile was committed by its holder: run again, to replay it.
      if (!retried && details?.code === "23505" && details.constraint === "idempotency_keys_pkey") {
        return write(batch, true);
      }
      const error = perRequest ? kind.translate(e) : fromPgError(e);
      return batch.map(() => ({ error }));
    }
  }

  const submit = groupCommit<Prepared<I>, Outcome>(
    (batch) => write(batch),
    (p) => [
      ...(p.req.idempotency ? [claimId(p.req.idempotency)] : []),
      ...(kind.exclusive?.(p.req.input) ?? []),
    ],
    options,
  );

  return {
    async submit(req) {
      const outcome = await submit({ req, rendered: kind.render(req) });
      if ("error" in outcome) throw outcome.error;
      return outcome;
    },
  };
}

function decode<I>(kind: WriteKind<I>, p: Prepared<I>, row: Row | undefined): Outcome {
  if (row?.prior_hash != null) {
    if (row.prior_hash !== p.req.idempotency?.requestHash) {
      return { error: conflict("Idempotency-Key was already used for a different request") };
    }
    return { body: row.prior_body ?? "null", replayed: true };
  }
  if (row?.failed != null) {
    const check = kind.checks[row.failed - 1];
    if (check) return { error: check.error() };
  }
  if (row?.body != null) return { body: row.body, replayed: false };
  return {
    error:
      kind.unwritten?.() ??
      new AppError("INTERNAL", `the ${kind.name} write answered nothing for a request`),
  };
}
