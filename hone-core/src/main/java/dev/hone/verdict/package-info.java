/**
 * Verdict: the recommendation of each task kind, as pure functions of typed candidates
 * ({@code dev.hone.results}) and the config's decision block. {@link dev.hone.verdict.ClassificationVerdict}
 * adds statistics (exact McNemar, Wilson and bootstrap intervals, consistency over repeats) and a cost
 * model (serving cost per month, training cost, break-even volume); {@link dev.hone.verdict.RetrievalVerdict}
 * and {@link dev.hone.verdict.GenerationVerdict} choose on nDCG and on the primary answer score and share
 * {@link dev.hone.verdict.Choice} (latency budget, tie margin). Classification weighs paired intervals
 * ({@link dev.hone.verdict.PairedDifference}) and, where the data cannot tell, the few-shot protocol's
 * {@link dev.hone.verdict.RoutePrior} ({@link dev.hone.verdict.Expectations}). Selection uses validation figures only;
 * reported figures are test figures.
 */
package dev.hone.verdict;
