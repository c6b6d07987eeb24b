/** Types of lib/compiled.js (plain JavaScript: it runs before anything can compile TypeScript). */

/** The repository's root. */
export declare const ROOT: string;
/** Where `npm run build` writes (git-ignored). */
export declare const BUILD_DIR: string;
/** The entry points that are built, relative to the root, without extension. */
export declare const ENTRIES: readonly string[];
/** What an entry loads besides its imports (the synth runs the program with `require(path)`). */
export declare const ALSO_LOADS: Readonly<Record<string, readonly string[]>>;
/** What every build also depends on: how it compiles. Changing one makes every entry stale. */
export declare const BUILD_INPUTS: readonly string[];
/** The sha256 of a file's bytes, as the manifest records it. */
export declare function hashOf(bytes: Buffer | string): string;
/** The compiled file of an entry, if the build holds it and none of its sources changed since. */
export declare function freshBuild(entry: string, buildDir?: string): string | undefined;
/** Loads an entry: the fresh build, else the TypeScript source (`CHEF_CHOPSKY_FROM_SOURCE=1` forces the source). */
export declare function load(entry: string): unknown;
