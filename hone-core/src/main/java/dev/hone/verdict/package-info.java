/**
 * Verdict: turns the candidates' evidence in {@code results.json} into a recommendation with statistics
 * (exact McNemar, Wilson and bootstrap intervals, consistency over repeats) and a cost model (serving cost per
 * month, training cost, break-even volume). Selection uses validation figures only; reported figures are test figures.
 */
package dev.hone.verdict;
