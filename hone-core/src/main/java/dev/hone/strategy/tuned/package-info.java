/**
 * What the routes that train an encoder share: their training keys in the config
 * ({@link dev.hone.strategy.tuned.FineTuneSettings}) and the trained classifier as a candidate.
 */
package dev.hone.strategy.tuned;
