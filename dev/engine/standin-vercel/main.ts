/**
 * The entry point of the stand-in `pulumi-resource-vercel` (built by build.ts into .tools/standins/vercel/). It
 * checks the guard before loading anything else: without `CHEF_CHOPSKY_VERCEL_STANDIN=engine-suite` and a loopback
 * `CHEF_CHOPSKY_VERCEL_STANDIN_API` it prints why and exits 1, so it can never serve a real deploy.
 */
import { BANNER, standinApi, StandinRefused } from "./guard";

async function start(): Promise<void> {
  let api: string;
  try {
    api = standinApi(process.env);
  } catch (err) {
    if (!(err instanceof StandinRefused)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  // stdout's first line belongs to the engine (the gRPC port); what this is goes to stderr, which the CLI shows.
  process.stderr.write(`${BANNER} ${api}\n`);
  const { serve } = await import("./serve");
  await serve(api, process.argv.slice(2));
}

start().catch((err: unknown) => {
  process.stderr.write(`pulumi-resource-vercel (STAND-IN): ${(err as Error).message}\n`);
  process.exit(1);
});
