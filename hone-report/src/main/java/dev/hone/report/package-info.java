/**
 * Report: renders a run directory's {@code results.json} as one self-contained {@code report.html} (inline CSS and
 * SVG, no network) and a {@code report.md} for pull requests. Every dataset string is HTML-escaped.
 */
package dev.hone.report;
