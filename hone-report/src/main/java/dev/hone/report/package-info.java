/**
 * Report: renders a run directory's {@code results.json} as one self-contained {@code report.html} (inline CSS and
 * SVG, no network) and a {@code report.md} for pull requests. It reads the typed results of {@code dev.hone.results}
 * and shows what the run decided; it never decides again. Every dataset string is HTML-escaped.
 */
package dev.hone.report;
