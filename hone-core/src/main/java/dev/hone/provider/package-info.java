/**
 * Remote (or local-server) large language models behind one small interface: a chat request in,
 * text plus token usage out. Core defines the interface and the {@code providers:} config; modules
 * such as hone-providers implement it and are found by {@code type:} through {@link java.util.ServiceLoader}.
 * A provider whose server hosts fine-tuning jobs also implements {@link dev.hone.provider.FineTuningProvider}.
 * A provider that can score given answers by likelihood (the in-process model) also implements
 * {@link dev.hone.provider.LikelihoodScorer}.
 * A run opens each configured provider once, in a {@link dev.hone.provider.ProviderPool} shared by all its strategies.
 */
package dev.hone.provider;
