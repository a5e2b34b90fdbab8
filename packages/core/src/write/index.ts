/**
 * Writes at the database's limit: each kind of write is one set-based statement (rows, outbox
 * events and idempotency records, one round trip, one commit), and requests that arrive together
 * share it (group commit), each keeping its own row, answer and error.
 */
export { type GroupCommitOptions, groupCommit } from "./group-commit";
export {
  type Check,
  defineKind,
  type Rendered,
  type WriteKind,
  type WriteRequest,
  type WriteResult,
} from "./kind";
export { batchParams, batchStatement } from "./statement";
export { createWriter, type Writer, type WriterOptions } from "./writer";
