/**
 * The only host APIs the pure core (src/ outside src/cli/) uses beyond ECMAScript 2022: WHATWG
 * text encoding, which Node, every browser and Office's webviews provide. tsconfig.core.json
 * compiles src/ with ES2022 and these alone, so Node (fs, Buffer, process), the DOM and Office.js
 * do not compile there.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { readonly fatal?: boolean; readonly ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBufferLike): string;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
