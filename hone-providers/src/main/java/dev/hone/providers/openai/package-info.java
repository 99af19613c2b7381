/**
 * The OpenAI-compatible chat provider ({@code type: openai}): {@code POST {base_url}/chat/completions}
 * over {@link java.net.http.HttpClient}, with retries, bounded concurrency, a per-minute pace and an
 * on-disk answer cache. The same protocol reaches OpenAI, Azure-style gateways, Ollama, vLLM and llama.cpp.
 */
package dev.hone.providers.openai;
