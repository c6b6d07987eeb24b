/**
 * Serves the stand-in over the provider protocol with `@pulumi/pulumi/provider` `main`. That server answers
 * Configure itself without showing the config to the provider object, so the stand-in listens in on the Configure
 * call to learn `vercel:apiToken` and `vercel:team`, as the real provider reads them. The token goes only to the
 * fake at the loopback address the guard accepted (client.ts refuses any other).
 */
import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import { main } from "@pulumi/pulumi/provider";
import { createStandinProvider } from "./provider";

/** The provider config of the running stack, from Configure. */
const config: { token?: string; team?: string } = {};

interface ConfigureCall {
  request: { getVariablesMap(): { get(key: string): string | undefined } };
}

/**
 * Wraps the provider service's `configure` (the one `main` registers) to read the config first. The engine keys
 * the variables `vercel:config:<key>` (sdk/go/common/resource/plugin/provider_plugin.go, Configure).
 */
function listenToConfigure(): void {
  const load = createRequire(require.resolve("@pulumi/pulumi/package.json"));
  const grpc = load("@grpc/grpc-js") as typeof grpcTypes;
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service, implementation) {
    const impl = implementation as Record<string, unknown>;
    const configure = impl.configure;
    if (typeof configure === "function" && typeof impl.checkConfig === "function") {
      impl.configure = (call: ConfigureCall, callback: unknown) => {
        const vars = call.request.getVariablesMap();
        const get = (key: string) => vars.get(`vercel:config:${key}`) ?? vars.get(`vercel:${key}`) ?? undefined;
        config.token = get("apiToken") || process.env.VERCEL_API_TOKEN || undefined;
        config.team = get("team") || undefined;
        return configure.call(implementation, call, callback);
      };
    }
    return addService.call(this, service, implementation);
  };
}

export async function serve(api: string, args: string[]): Promise<void> {
  listenToConfigure();
  const provider = createStandinProvider({ api, token: () => config.token, team: () => config.team });
  await main(provider, args);
}
