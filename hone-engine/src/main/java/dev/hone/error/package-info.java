/**
 * Hone's exceptions: the unchecked root {@link dev.hone.error.HoneException} and the subclasses a
 * caller may want to tell apart (bad input to fix, the heap running out). They live in the lowest
 * module so every layer, from the engine to the CLI's {@code main}, throws and reports the same types.
 */
package dev.hone.error;
