export declare const BUILD_DIR: string;
export declare const BUILD_STAMP: string;
export declare const BUILD_INPUTS: readonly string[];
export declare function listBuildInputs(root: string): Record<string, [number, number]>;
export declare function findFreshBuild(root: string): string | undefined;
