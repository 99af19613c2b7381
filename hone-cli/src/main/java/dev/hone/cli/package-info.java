/**
 * The {@code hone} command line: one picocli command per verb (run, report, predict, serve, index,
 * search, embed, demo) over the library, and a progress bar for long jobs. Only
 * {@link dev.hone.cli.Main} exits, with the messages of Hone's exceptions instead of stack traces.
 */
package dev.hone.cli;
