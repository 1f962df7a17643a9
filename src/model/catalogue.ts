/**
 * Messages as data, one mechanism for every family of them (issues, failures, the reasons a
 * workbook cannot be read, the merge report): a family declares its codes as the keys of an
 * interface whose values are each code's typed parameters; each language has a catalogue that
 * turns every code's parameters (and the family's context for that code, e.g. an issue's place)
 * into its text. A new code does not compile until every catalogue renders it.
 */

/** No context: the family's messages depend on their parameters alone. */
export type NoContext<Params> = { readonly [C in keyof Params]: undefined };

/** A language's text for every code of a family. */
export type Catalogue<Params, Text, Context extends { readonly [C in keyof Params]: unknown } = NoContext<Params>> = {
  readonly [C in keyof Params]: (params: Params[C], context: Context[C]) => Text;
};

/** A message as data: one code of the family with its parameters. */
export type Coded<Params> = { readonly [C in keyof Params]: { readonly code: C; readonly params: Params[C] } }[keyof Params];

/** A code's text from its parameters and context, in the catalogue's language. */
export function render<Params, Text, Context extends { readonly [C in keyof Params]: unknown }, C extends keyof Params>(
  catalogue: Catalogue<Params, Text, Context>,
  code: C,
  params: Params[C],
  context: Context[C],
): Text {
  return catalogue[code](params, context);
}

/** A coded message's text (a family without context). */
export function renderCoded<Params, Text>(catalogue: Catalogue<Params, Text>, message: Coded<Params>): Text {
  return render(catalogue, message.code, message.params, undefined as NoContext<Params>[keyof Params]);
}
