/**
 * The OpenAI-compatible chat provider ({@code type: openai}): {@code POST {base_url}/chat/completions}
 * over {@link java.net.http.HttpClient}, with retries, bounded concurrency, a per-minute pace and an
 * on-disk answer cache. The same protocol reaches OpenAI, Azure-style gateways, Ollama, vLLM and llama.cpp.
 * On servers that host them (OpenAI), it also runs fine-tuning jobs: upload, create, poll, events.
 */
package dev.hone.providers.openai;
