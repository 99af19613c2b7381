package dev.hone.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Reads the {@code retrieval:} section of a retrieval run, checking paths and ranges with the other problems. */
final class RetrievalConfigReader {
    private RetrievalConfigReader() {
    }

    /** The section, or null when it is missing or broken (the problems say why). */
    static RetrievalConfig read(ConfigNode top, Path base) {
        ConfigNode node = top.object("retrieval", true);
        if (node == null) return null;
        node.rejectUnknownKeys(Set.of("documents", "queries", "k", "chunk_tokens", "overlap", "modes"));
        String documents = node.string("documents", null, true);
        String queries = node.string("queries", null, true);
        int k = node.integer("k", RetrievalConfig.DEFAULT_K, 1, 1000);
        int chunkTokens = node.integer("chunk_tokens", RetrievalConfig.DEFAULT_CHUNK_TOKENS, 8, 512);
        int overlap = node.integer("overlap", Math.min(RetrievalConfig.DEFAULT_OVERLAP, chunkTokens / 2), 0, 511);
        List<String> modes = node.strings("modes", RetrievalConfig.MODES, RetrievalConfig.MODES);
        Path documentsPath = documents == null ? null : base.resolve(documents).normalize();
        Path queriesPath = queries == null ? null : base.resolve(queries).normalize();
        boolean ok = documentsPath != null && queriesPath != null;
        if (documentsPath != null && !Files.isDirectory(documentsPath)) {
            node.problem("documents", "folder " + documentsPath + " not found; name the folder holding the txt/md/html/pdf files");
            ok = false;
        }
        if (queriesPath != null && !Files.isRegularFile(queriesPath)) {
            node.problem("queries", "file " + queriesPath + " not found; name a JSONL of {\"query\": ..., \"relevant\": [...]}");
            ok = false;
        }
        if (overlap >= chunkTokens) {
            node.problem("overlap", "must be below chunk_tokens (" + chunkTokens + "), got " + overlap);
            ok = false;
        }
        if (modes.stream().distinct().count() != modes.size()) {
            node.problem("modes", "lists a mode twice: " + modes);
            ok = false;
        }
        return ok && !modes.isEmpty() ? new RetrievalConfig(documentsPath, queriesPath, k, chunkTokens, overlap, modes) : null;
    }
}
