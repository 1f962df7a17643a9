/** Written into every result and audit row; keep in step with package.json. */
export const PRODUCT_VERSION = "0.1.0";
