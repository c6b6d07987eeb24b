/**
 * The Pulumi program: `pulumi preview`, `pulumi up` and `pulumi refresh` run this file for the selected stack
 * (`production` or `staging`). Everything it declares is in lib/stack.ts and components/; the stack's outputs are
 * the fields of the `StackOutputs` it returns.
 */
import { defineStack } from "./lib/stack";

export = defineStack();
