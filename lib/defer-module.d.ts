/** Types of lib/defer-module.js (plain JavaScript, to run before anything compiles TypeScript); documented there. */

export declare function deferModule(request: string, importer: string): boolean;
export declare function deferClosureSerialization(dir: string): boolean;
