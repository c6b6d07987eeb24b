// `npm run synth|plan|policy -- …`: runs the contributor command's `main` from its compiled build when that is current
// (no TypeScript compiler at start-up), else from its TypeScript through ts-node; see lib/compiled.js.
const [command, ...argv] = process.argv.slice(2);
const COMMANDS = { synth: "dev/synth", plan: "dev/plan", policy: "dev/policy" };
if (!Object.hasOwn(COMMANDS, command)) {
  process.stderr.write(`usage: node dev/run.js ${Object.keys(COMMANDS).join("|")} [arguments]\n`);
  process.exit(2);
}
// The plan's policy pack takes about as long to start as the SDK and the program take to load and synthesize: spawned
// first, it starts on the other core meanwhile (dev/policy/spawn-pack.js). Stopped with this process whatever happens.
let spawned;
if (command === "plan") {
  spawned = require("./policy/spawn-pack").spawnPack();
  process.once("exit", () => spawned.child.kill());
}
// Nothing here serializes a function by value: the SDK's package-tree reader for that is loaded only if something does.
require("../lib/defer-module").deferClosureSerialization(__dirname);
// The command's `main` on this process's streams; the exit once what it wrote is flushed (a pipe may be asynchronous).
// The plan takes no arguments: its pack is the one spawned above.
const { main } = require("../lib/compiled").load(COMMANDS[command]);
const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
(command === "plan" ? main(io, undefined, undefined, spawned) : main(argv, io)).then(
  (code) => process.stdout.write("", () => process.exit(code)),
  (err) => {
    process.stderr.write(`${command}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
