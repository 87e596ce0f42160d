// Types of scripts/dist-current.js, for the test that checks its rule (tests/cli/dist-current.test.ts).
export declare const root: string;
export declare const src: string;
export declare const dist: string;
export declare const stampFile: string;
export declare function files(dir: string): Generator<string>;
export declare function distIsCurrent(base?: string): boolean;
