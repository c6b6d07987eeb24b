/**
 * The Vercel stand-in refuses to start unless the engine suite asked for it explicitly and points it at a loopback
 * fake: the rules (dev/engine/standin-vercel/guard.ts), and the built executable, spawned as the CLI would.
 */
import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { build, LAUNCHER } from "../dev/engine/standin-vercel/build";
import { isLoopbackHost, STANDIN_API_ENV, STANDIN_ENV, standinApi } from "../dev/engine/standin-vercel/guard";

const OK = { [STANDIN_ENV]: "engine-suite", [STANDIN_API_ENV]: "http://127.0.0.1:4000" };

describe("Vercel stand-in guard", () => {
  it("accepts only loopback IP literals", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "[::1]", "::1"]) assert.equal(isLoopbackHost(h), true, h);
    for (const h of [
      "localhost",
      "api.vercel.com",
      "10.0.0.1",
      "0.0.0.0",
      "127.0.0.256",
      "1127.0.0.1",
      "[::ffff:7f00:1]",
    ])
      assert.equal(isLoopbackHost(h), false, h);
  });

  it("needs the suite's variable set to engine-suite and a loopback API address, and says why not", () => {
    assert.equal(standinApi(OK), "http://127.0.0.1:4000");
    assert.equal(standinApi({ ...OK, [STANDIN_API_ENV]: "http://[::1]:4000/" }), "http://[::1]:4000");
    const refusals: [NodeJS.ProcessEnv, RegExp][] = [
      [{}, /CHEF_CHOPSKY_VERCEL_STANDIN is not set/],
      [{ ...OK, [STANDIN_ENV]: "1" }, /is "1", not "engine-suite"/],
      [{ [STANDIN_ENV]: "engine-suite" }, /CHEF_CHOPSKY_VERCEL_STANDIN_API is not set/],
      [{ ...OK, [STANDIN_API_ENV]: "https://api.vercel.com" }, /api\.vercel\.com, which is not a loopback address/],
      [{ ...OK, [STANDIN_API_ENV]: "http://localhost:4000" }, /localhost, which is not a loopback address/],
      [{ ...OK, [STANDIN_API_ENV]: "http://user:pw@127.0.0.1:4000" }, /must not carry credentials/],
      [{ ...OK, [STANDIN_API_ENV]: "file:///etc/passwd" }, /must be an http\(s\) URL/],
      [{ ...OK, [STANDIN_API_ENV]: "not a url" }, /is not a URL/],
    ];
    for (const [env, why] of refusals)
      assert.throws(
        () => standinApi(env),
        (err: Error) => why.test(err.message) && /not the Vercel provider/.test(err.message),
      );
  });

  describe("the built pulumi-resource-vercel", function () {
    this.timeout(60_000);
    before(() => build());

    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(LAUNCHER, [], { env: { PATH: process.env.PATH, ...env }, encoding: "utf8", timeout: 20_000 });

    it("exits 1 with a clear message without the variable, or with a non-loopback address, printing no port", () => {
      for (const env of [{}, { ...OK, [STANDIN_ENV]: "yes" }, { ...OK, [STANDIN_API_ENV]: "https://api.vercel.com" }]) {
        const r = run(env);
        assert.equal(r.status, 1, r.stderr);
        assert.equal(r.stdout, "", "no port: the CLI cannot talk to it");
        assert.match(r.stderr, /pulumi-resource-vercel \(STAND-IN\): refusing to start: .*not the Vercel provider/);
      }
    });

    it("with both set, says first that it is a stand-in, then serves (prints its port)", async () => {
      const child = spawn(LAUNCHER, [], { env: { PATH: process.env.PATH, ...OK }, stdio: ["ignore", "pipe", "pipe"] });
      try {
        let stdout = "";
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no port within 20 s; stderr: ${stderr}`)), 20_000);
          child.stdout.on("data", (d: Buffer) => {
            stdout += d.toString();
            if (stdout.includes("\n")) {
              clearTimeout(timer);
              resolve();
            }
          });
          child.on("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
        });
        assert.match(stdout, /^\d+\n$/);
        assert.match(
          stderr.split("\n")[0],
          /^pulumi-resource-vercel 5\.4\.1 STAND-IN .*not the real Vercel provider.*http:\/\/127\.0\.0\.1:4000$/,
        );
      } finally {
        child.kill();
      }
    });
  });
});
