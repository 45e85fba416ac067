export declare const BUILD_DIR: string;
export declare const BUILD_STAMP: string;
export declare const BUILD_INPUTS: readonly string[];
export declare function listBuildInputs(root: string): Record<string, [size: number, mtimeMs: number, sha256: string]>;
export declare function findFreshBuild(root: string): string | undefined;
