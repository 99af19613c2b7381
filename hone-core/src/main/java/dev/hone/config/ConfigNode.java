package dev.hone.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A cursor over one YAML mapping with its path (for messages). Each typed getter records a problem
 * instead of throwing, and {@link #rejectUnknownKeys} flags misspelt keys with a "did you mean".
 */
public final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final Problems problems;

    ConfigNode(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    public String path() {
        return path;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Records a problem about key that a typed getter cannot see (a cross-reference, a missing placeholder). */
    public void problem(String key, String message) {
        problems.add(child(key), message);
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public JsonNode raw(String key) {
        return node.get(key);
    }

    /** The nested mapping at key, or null (with a problem) when it is present but not a mapping. */
    public ConfigNode object(String key, boolean required) {
        if (!has(key)) {
            if (required) problems.add(child(key), "is required");
            return null;
        }
        JsonNode value = node.get(key);
        if (!value.isObject()) {
            problems.add(child(key), "must be a mapping of keys to values, got " + describe(value));
            return null;
        }
        return new ConfigNode(value, child(key), problems);
    }

    public String string(String key, String fallback, boolean required) {
        if (!has(key)) {
            if (required) problems.add(child(key), "is required");
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isValueNode() || value.isBoolean()) {
            problems.add(child(key), "must be text, got " + describe(value));
            return fallback;
        }
        String text = value.asText();
        if (required && text.isBlank()) problems.add(child(key), "must not be empty");
        return text;
    }

    public String choice(String key, String fallback, Collection<String> allowed) {
        String value = string(key, fallback, false);
        if (value != null && !allowed.contains(value)) {
            problems.add(child(key), "must be one of " + String.join(", ", allowed) + ", got '" + value + "'"
                    + suggestion(value, allowed));
            return fallback;
        }
        return value;
    }

    public int integer(String key, int fallback, int min, int max) {
        if (!has(key)) return fallback;
        JsonNode value = node.get(key);
        if (!value.isIntegralNumber() && !(value.isTextual() && value.asText().matches("-?\\d+"))) {
            problems.add(child(key), "must be a whole number, got " + describe(value));
            return fallback;
        }
        long number = value.asLong();
        if (number < min || number > max) {
            problems.add(child(key), range(min, max) + ", got " + number);
            return fallback;
        }
        return (int) number;
    }

    public double number(String key, double fallback, double min, double max) {
        if (!has(key)) return fallback;
        JsonNode value = node.get(key);
        double number;
        if (value.isNumber()) {
            number = value.asDouble();
        } else if (value.isTextual()) {
            try {
                number = Double.parseDouble(value.asText());
            } catch (NumberFormatException e) {
                problems.add(child(key), "must be a number, got " + describe(value));
                return fallback;
            }
        } else {
            problems.add(child(key), "must be a number, got " + describe(value));
            return fallback;
        }
        if (!(number >= min && number <= max)) {
            problems.add(child(key), "must be within [" + format(min) + ", " + format(max) + "], got " + format(number));
            return fallback;
        }
        return number;
    }

    public List<String> strings(String key, List<String> fallback, Collection<String> allowed) {
        if (!has(key)) return fallback;
        JsonNode value = node.get(key);
        List<String> result = new ArrayList<>();
        if (value.isTextual()) {
            result.add(value.asText());
        } else if (value.isArray()) {
            value.forEach(item -> result.add(item.asText()));
        } else {
            problems.add(child(key), "must be a list, got " + describe(value));
            return fallback;
        }
        for (String item : result) {
            if (allowed != null && !allowed.contains(item)) {
                problems.add(child(key), "'" + item + "' is not one of " + String.join(", ", allowed) + suggestion(item, allowed));
                return fallback;
            }
        }
        if (result.isEmpty()) problems.add(child(key), "must name at least one item");
        return result;
    }

    /** A list of whole numbers in [min, max], strictly ascending (sizes of a learning curve). */
    public List<Integer> ascendingIntegers(String key, int min, int max) {
        if (!has(key)) return List.of();
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            problems.add(child(key), "must be a list of whole numbers such as [4, 8, 16, 32], got " + describe(value));
            return List.of();
        }
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isIntegralNumber() || item.asLong() < min || item.asLong() > max) {
                problems.add(child(key) + "[" + i + "]", "must be a whole number " + range(min, max).replace("must be ", "")
                        + ", got " + describe(item));
                return List.of();
            }
            if (!result.isEmpty() && item.asInt() <= result.get(result.size() - 1)) {
                problems.add(child(key) + "[" + i + "]", "sizes must be ascending, got " + item.asInt() + " after "
                        + result.get(result.size() - 1));
                return List.of();
            }
            result.add(item.asInt());
        }
        return List.copyOf(result);
    }


    public void rejectUnknownKeys(Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problems.add(child(key), "unknown key" + suggestion(key, known) + " (allowed: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    public static String describe(JsonNode value) {
        if (value.isObject()) return "a mapping";
        if (value.isArray()) return "a list";
        if (value.isTextual()) return "'" + value.asText() + "'";
        return value.asText();
    }

    private static String range(int min, int max) {
        if (max == Integer.MAX_VALUE) return "must be ≥ " + min;
        return "must be within [" + min + ", " + max + "]";
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /**
     * ", did you mean 'x'?" for the closest allowed word within a small edit distance (or one that
     * contains the given word, ignoring case and punctuation: fine-tune → full-finetune), else "".
     */
    public static String suggestion(String given, Collection<String> allowed) {
        String bare = given.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            String candidateBare = candidate.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (bare.length() >= 3 && candidateBare.contains(bare)) return ", did you mean '" + candidate + "'?";
            int distance = editDistance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, given.length() / 3) ? ", did you mean '" + best + "'?" : "";
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
