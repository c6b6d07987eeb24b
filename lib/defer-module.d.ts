/** Types of lib/defer-module.js (plain JavaScript: it runs before anything can compile TypeScript). */

/** Defers loading `request` (resolved as `importer` resolves it) until one of its exports is first read. */
export declare function deferModule(request: string, importer: string): boolean;
/** Defers what `@pulumi/pulumi` (resolved from `dir`) loads only to serialize functions by value. */
export declare function deferClosureSerialization(dir: string): boolean;
