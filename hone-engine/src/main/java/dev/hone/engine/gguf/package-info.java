/**
 * GGUF, the single-file model format of llama.cpp and Ollama, written from a Hugging Face decoder
 * folder so the same weights run there: {@link dev.hone.engine.gguf.GgufWriter} writes version 3
 * (little-endian, tensor data aligned to 32 bytes) from typed metadata and tensors;
 * {@link dev.hone.engine.gguf.DecoderGgufExport} maps a Llama, Mistral or Qwen2 folder onto
 * llama.cpp's names and conventions (the architecture keys, the byte-level BPE vocabulary, the
 * interleaved rotary layout of the {@code llama} architecture, llama3 scaling as a
 * {@code rope_freqs.weight} tensor), as llama.cpp's own {@code convert_hf_to_gguf.py} does.
 * The output is deterministic: the same folder and type give the same bytes.
 */
package dev.hone.engine.gguf;
