/**
 * The slice of ml-xgboost (XGBoost compiled to WebAssembly, no types of its own) that training
 * uses. Its module value is a promise of the class, resolved once the WebAssembly is compiled.
 * Its wrapper treats the feature value -1 as missing.
 */
declare module 'ml-xgboost' {
  export interface XGBoostModel {
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[] | number[][];
    /** The model in XGBoost's binary format, as signed bytes. */
    toJSON(): { name: string; model: number[]; options: Record<string, string> };
    /** Releases the WebAssembly memory; the garbage collector does not. */
    free(): void;
  }
  export interface XGBoostClass {
    new (options: Record<string, string | number>): XGBoostModel;
  }
  /** `require('ml-xgboost')` (the CommonJS build): resolves once the WebAssembly is compiled. */
  const ready: Promise<XGBoostClass>;
  export = ready;
}
