export declare const HEAP_GROWING_PERCENT: number;
export declare function limitHeapGrowth(): void;
export declare function relaxHeapGrowth(): void;
