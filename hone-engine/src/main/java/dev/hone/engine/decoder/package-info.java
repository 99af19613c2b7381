/**
 * The in-process generative model: Llama-family decoders (LlamaForCausalLM, Qwen2ForCausalLM,
 * MistralForCausalLM) loaded from a Hugging Face folder and run with a key/value cache.
 * {@link dev.hone.engine.decoder.Decoder#load} reads {@code config.json}
 * ({@link dev.hone.engine.decoder.DecoderConfig}) and maps the safetensors weights, which stay in
 * their stored width (f32, f16, bf16) in the files and are widened inside the kernels' products;
 * {@link dev.hone.engine.decoder.DecoderSession} prefills a prompt and then appends a token at a
 * time, returning next-token logits, and {@link dev.hone.engine.decoder.Decoder#step} advances
 * several sessions in one pass ({@code SequenceBatch} lays out their rows). One class per block of the forward pass: {@code RmsNorm},
 * {@code RotaryEmbedding} (with {@link dev.hone.engine.decoder.RopeScaling}),
 * {@code GroupedQueryAttention}, {@code SwiGluFeedForward}, {@code DecoderLayer}.
 *
 * <p>It lives beside {@code nn} rather than in it: {@code nn} holds the encoder's trainable
 * layers on autograd tensors; this is inference on stored-width weights with a cache, and shares
 * only the kernels. Tokenizer, chat template, sampling, the {@code local} provider and GGUF export
 * build on it (issue 19).
 *
 * <p>LoRA: {@link dev.hone.engine.decoder.DecoderAdapters} holds adapters on any of the projections a
 * {@link dev.hone.engine.decoder.DecoderModule} names; {@link dev.hone.engine.decoder.TrainableDecoder}
 * runs the same forward pass as autograd ops (frozen base weights in their stored width, one
 * checkpointed block per layer) for the masked next-token loss; {@link
 * dev.hone.engine.decoder.Decoder#withAdapters} applies adapters unmerged for inference; {@link
 * dev.hone.engine.decoder.PeftAdapterFolder} saves and loads them in PEFT's layout. The trainer is
 * in {@code decoder.tuning}.
 */
package dev.hone.engine.decoder;
