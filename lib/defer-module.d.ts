/** Types of lib/defer-module.js (plain JavaScript: it runs before anything can compile TypeScript); documented there. */

export declare function deferModule(request: string, importer: string): boolean;
export declare function deferClosureSerialization(dir: string): boolean;
