// The Agent component under Pulumi's mocks: its children, their inputs, which of them are secret, what the deploy
// waits for, and that no token reaches a command line or the serialized dynamic provider.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { useDefaultMocks } from "./setup";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { Agent, type AgentArgs, agentDeployCommand, agentDeployEnvironment } from "../components/agent";
import { REPO_ROOT } from "../lib/root";
import { DEPLOYMENT_ID, RAILWAY_TOKEN, SECRETS, STAGING } from "./fixtures/agent";

// Mock helpers (a candidate for the shared tests/harness.ts): record every registration with what the engine
// would see (parent, dependencies, additionalSecretOutputs) next to the inputs the mocks receive.
interface Registration {
  type: string;
  name: string;
  urn: string;
  parent: string;
  dependencies: string[];
  additionalSecretOutputs: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  inputs: Record<string, any>;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getAdditionalsecretoutputsList(): string[];
}

/** Points the mocks at a recorder for this suite (state = inputs + `outputs[type]`), restores the default after. */
function captureRegistrations(outputs: Record<string, Record<string, unknown>> = {}): Registration[] {
  const registered: Registration[] = [];
  type Callback = (err: unknown, resp?: { getUrn(): string }) => void;
  const proto = MockMonitor.prototype as unknown as {
    registerResource: (req: RegisterRequest, cb: Callback) => unknown;
  };
  const original = proto.registerResource;
  before(async () => {
    proto.registerResource = function (this: unknown, req: RegisterRequest, cb: Callback) {
      const r: Registration = {
        type: req.getType(),
        name: req.getName(),
        urn: "",
        parent: req.getParent(),
        dependencies: req.getDependenciesList(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        inputs: {},
      };
      registered.push(r);
      return original.call(this, req, (err: unknown, resp?: { getUrn(): string }) => {
        r.urn = resp?.getUrn() ?? "";
        cb(err, resp);
      });
    };
    await pulumi.runtime.setMocks(
      {
        newResource: (a) => {
          const r = registered.find((x) => x.name === a.name);
          if (r) r.inputs = a.inputs as Registration["inputs"];
          return { id: `${a.name}-id`, state: { ...a.inputs, ...outputs[a.type] } };
        },
        call: (a) => assert.fail(`unexpected call ${a.token}`),
      },
      "chef-chopsky",
      "staging",
      false,
    );
  });
  beforeEach(() => (registered.length = 0));
  after(async () => {
    proto.registerResource = original;
    await useDefaultMocks();
  });
  return registered;
}

/** Whether a value the mocks received is a secret (the engine's secret wrapper, keyed by the SDK's signature key). */
function isSecretValue(v: unknown): boolean {
  return typeof v === "object" && v !== null && specialSigKey in v;
}
/** The value inside a secret wrapper. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function plain(v: any): any {
  return isSecretValue(v) ? v.value : v;
}

/** An output's value, or a failure after `ms` (an unawaited apply would swallow a failed assertion). */
function outputOf<T>(o: pulumi.Output<T>, ms = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`output not resolved within ${ms} ms`)), ms);
    o.apply((v) => {
      clearTimeout(timer);
      resolve(v);
      return v;
    });
  });
}

/** Waits until `test()` holds, or fails after `ms`. */
async function until(test: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("Agent component", () => {
  const registered = captureRegistrations({
    "command:local:Command": { stdout: `{"deploymentId":"${DEPLOYMENT_ID}"}\n`, stderr: "" },
  });
  const args = (extra: Partial<AgentArgs> = {}): AgentArgs => ({
    ...STAGING,
    projectId: "11111111-1111-4111-8111-111111111111",
    environmentId: "22222222-2222-4222-8222-222222222222",
    serviceId: "33333333-3333-4333-8333-333333333333",
    agentUrl: "https://chef-chopsky-staging.up.railway.app",
    commit: "c".repeat(40),
    deployTimeoutSeconds: 900,
    healthTimeoutSeconds: 300,
    openaiApiKey: pulumi.secret(SECRETS.openaiApiKey),
    supabaseSecretKey: pulumi.secret(SECRETS.supabaseSecretKey),
    sentryDsn: pulumi.secret(SECRETS.sentryDsn),
    railwayToken: pulumi.secret(RAILWAY_TOKEN),
    fingerprintKey: pulumi.secret("k".repeat(64)),
    ...extra,
  });

  it("registers variables and a deploy that depends on them; secrets stay secret; no token in a command or provider", async () => {
    process.env.RAILWAY_TOKEN = RAILWAY_TOKEN; // as on a CI runner: must not be captured by the serialized provider
    try {
      const agent = new Agent("agent", args());
      assert.equal(await outputOf(agent.deploymentId), DEPLOYMENT_ID);
      assert.equal(await pulumi.isSecret(agent.deploymentId), false, "a validated id, shown in plain");
      assert.equal(await outputOf(agent.healthUrl), "https://chef-chopsky-staging.up.railway.app/health");
      await until(() => registered.length === 3);
    } finally {
      delete process.env.RAILWAY_TOKEN;
    }
    const [component, variables, deploy] = registered;
    assert.deepEqual(
      registered.map((r) => [r.type, r.name]),
      [
        ["chef-chopsky:agent:Agent", "agent"],
        ["pulumi-nodejs:dynamic/railway:ServiceVariables", "agent-variables"],
        ["command:local:Command", "agent-deploy"],
      ],
    );
    assert.equal(variables.parent, component.urn);
    assert.equal(deploy.parent, component.urn);
    assert.deepEqual(deploy.dependencies, [variables.urn], "the deploy waits for the variables");

    assert.ok(isSecretValue(variables.inputs.variables), "variables input is a secret");
    assert.deepEqual(variables.additionalSecretOutputs, ["variables"]);
    assert.equal(plain(variables.inputs.variables).OPENAI_API_KEY, SECRETS.openaiApiKey);
    const provider = String(variables.inputs.__provider);
    assert.match(provider, /exports\.handler/);
    for (const s of [RAILWAY_TOKEN, ...Object.values(SECRETS)])
      assert.ok(!provider.includes(s), "a secret is in __provider");

    assert.equal(deploy.inputs.create, agentDeployCommand("deploy"));
    assert.equal(deploy.inputs.update, agentDeployCommand("deploy"));
    assert.equal(deploy.inputs.dir, REPO_ROOT);
    assert.deepEqual(deploy.inputs.triggers, ["c".repeat(40)]);
    assert.equal(deploy.inputs.logging, "stderr");
    assert.deepEqual(deploy.additionalSecretOutputs, ["stdout", "stderr"]);
    assert.ok(isSecretValue(deploy.inputs.environment), "the command's environment is secret");
    assert.equal(plain(deploy.inputs.environment).RAILWAY_TOKEN, RAILWAY_TOKEN);
    const everythingButEnv = JSON.stringify({ ...deploy.inputs, environment: undefined });
    assert.ok(!everythingButEnv.includes(RAILWAY_TOKEN), "the token is outside the environment");
  });

  it("without a commit, runs the redeploy (on a change of the variables' fingerprint) instead of a deploy", async () => {
    new Agent("nocommit", args({ commit: undefined }));
    await until(() => registered.some((r) => r.name === "nocommit-redeploy"));
    const redeploy = registered.find((r) => r.name === "nocommit-redeploy")!;
    assert.deepEqual(
      registered.map((r) => r.name),
      ["nocommit", "nocommit-variables", "nocommit-redeploy"],
    );
    assert.equal(redeploy.inputs.create, agentDeployCommand("redeploy"));
    assert.equal(redeploy.inputs.triggers, undefined);
    assert.match(plain(redeploy.inputs.environment).AGENT_VARIABLES_FINGERPRINT, /^hmac-sha256:[0-9a-f]{64}$/);
  });

  it("rejects invalid arguments before registering any child", () => {
    assert.throws(
      () => new Agent("bad2", args({ environment: "production" })),
      /Agent bad2: .*previewOrigins: no environment shares production's agent, so it accepts no preview origins; langchainApiKey: required for production/,
    );
    assert.ok(!registered.some((r) => r.name.startsWith("bad")));
  });

  it("passes the token to the tool as a secret, and the ids and timeouts in plain", async () => {
    const env = agentDeployEnvironment(
      args({ apiUrl: "http://127.0.0.1:1/graphql/v2" }),
      "hmac-sha256:" + "0".repeat(64),
    );
    assert.equal(await pulumi.isSecret(pulumi.output(env.RAILWAY_TOKEN)), true);
    assert.equal(env.AGENT_DEPLOY_TIMEOUT_SECONDS, "900");
    assert.equal(env.RAILWAY_API_URL, "http://127.0.0.1:1/graphql/v2");
    const cmd = agentDeployCommand("rollback");
    assert.ok(
      !cmd.includes(REPO_ROOT) && !cmd.startsWith("/"),
      "no absolute path: the state is the same on every machine",
    );
  });
});
