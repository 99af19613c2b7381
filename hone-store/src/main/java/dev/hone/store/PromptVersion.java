package dev.hone.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A prompt version: its sha256 and, when known, its text. The hash is the one results.json records
 * as {@code prompt_sha256}: sha256 over the templates in order, each followed by a zero byte.
 *
 * @param text the templates, each under its role's name; null when only the hash is known (a run imported from its folder)
 */
public record PromptVersion(String sha256, String text) {
    public PromptVersion {
        if (sha256 == null || sha256.isBlank()) throw new IllegalArgumentException("a prompt version needs its sha256");
    }

    /** The version of these templates, by role ({@code system}, {@code user}, …) in the order they are hashed. */
    public static PromptVersion of(LinkedHashMap<String, String> templates) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> template : templates.entrySet()) {
            if (!text.isEmpty()) text.append("\n\n");
            text.append(template.getKey()).append(":\n").append(template.getValue());
        }
        return new PromptVersion(sha256(templates.values().toArray(String[]::new)), text.toString());
    }

    /** The version of one prompt text as it runs (an optimised prompt): hashed as a single template. */
    public static PromptVersion ofText(String prompt) {
        return new PromptVersion(sha256(prompt), prompt);
    }

    /**
     * sha256 over the parts, each followed by a zero byte (a missing part counts as empty): Hone's prompt hash, and the
     * store's hash of an example's text.
     */
    static String sha256(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
