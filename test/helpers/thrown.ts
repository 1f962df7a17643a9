/** The error of class `type` that `f` throws: another error is thrown on, and none fails the test. */
export function thrown<E extends Error>(type: new (...args: never[]) => E, f: () => unknown): E {
  try {
    f();
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`expected a ${type.name}`);
}
