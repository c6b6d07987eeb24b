/** Types of lib/compiled.js (plain JavaScript, to run before anything compiles TypeScript); documented there. */

export declare const ROOT: string;
export declare const BUILD_DIR: string;
export declare const ENTRIES: readonly string[];
export declare const ALSO_LOADS: Readonly<Record<string, readonly string[]>>;
export declare const BUILD_INPUTS: readonly string[];
export declare function hashOf(bytes: Buffer | string): string;
export declare function freshBuild(entry: string, buildDir?: string): string | undefined;
export declare function load(entry: string): unknown;
