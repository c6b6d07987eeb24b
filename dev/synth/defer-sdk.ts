/**
 * Imported first by ./index.ts, before anything loads `@pulumi/pulumi`: the synth never serializes a function by
 * value, so the SDK's package-tree reader for that is loaded only if something does (lib/defer-module.js).
 */
import { deferClosureSerialization } from "../../lib/defer-module";

deferClosureSerialization(__dirname);
