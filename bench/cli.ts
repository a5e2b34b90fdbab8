// `pnpm bench <name> [args]`: each benchmark is bench/<name>.ts exporting `run(args)`. They print
// their own tables; they are not part of the test suite.
const [name, ...args] = process.argv.slice(2);
const known = ["api", "generator", "firehose", "lambda", "dashboard", "planning", "landed"];
if (!name || !known.includes(name)) {
  console.error(`usage: pnpm bench <${known.join("|")}> [options]`);
  process.exit(2);
}
const mod = (await import(`./${name}.ts`)) as { run(args: string[]): Promise<void> };
await mod.run(args);
