import data from "./default-rules.json" with { type: "json" };
import { RulesDataSchema, type Rules } from "./rules.js";

let cached: Rules | undefined;

/** The shipped default rule set (default-rules.md), parsed and checked. */
export function defaultRules(): Rules {
  return (cached ??= RulesDataSchema.parse(data));
}
