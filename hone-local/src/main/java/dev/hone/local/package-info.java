/**
 * The in-process generative model as a provider ({@code type: local}): a Hugging Face folder's
 * decoder (from {@code engine.decoder}), tokenizer and Jinja chat template behind the same
 * {@code Provider} interface as a remote server, and its fine-tuning jobs behind the same
 * {@code FineTuningProvider} calls as a hosted one ({@code tuning}). The template engine lives here, not in
 * hone-engine, so the engine keeps to numerical code and the tokenizer.
 */
package dev.hone.local;
