export declare const HEAP_GROWING_PERCENT: number;
export declare function limitHeapGrowth(): void;
export declare function relaxHeapGrowth(): void;
export declare function withHeapGrowthRelaxed<T>(work: () => Promise<T>): Promise<T>;
