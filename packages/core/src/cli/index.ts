/**
 * Runs a command's `main` to the process's exit code: its answer, or `onError`'s when it throws.
 * Node exits 0 when nothing is left to wait on, even with `main` unsettled (a promise nobody will
 * ever settle, a timer that does not keep the process alive): a command that stops that way is a
 * bug and must not read as success, so it exits 70 (EX_SOFTWARE) with a message instead.
 */
export function runCli(main: () => Promise<number>, onError: (error: unknown) => number): void {
  let settled = false;
  process.once("beforeExit", () => {
    if (settled) return;
    console.error("error: the command stopped before finishing, with nothing left to wait on");
    process.exit(70);
  });
  main().then(
    (code) => {
      settled = true;
      process.exit(code);
    },
    (error: unknown) => {
      settled = true;
      process.exit(onError(error));
    },
  );
}
