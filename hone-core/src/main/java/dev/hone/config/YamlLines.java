package dev.hone.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and list item of a YAML document starts, by its config path
 * ({@code strategies[0].rank}), so a problem about a path can name its line. A path that is not in
 * the file (a required key that is missing) takes the line of its nearest parent that is.
 */
final class YamlLines {
    static final YamlLines NONE = new YamlLines(Map.of());

    private final Map<String, Integer> lines;

    private YamlLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** The lines of {@code text}; {@link #NONE} when it is not YAML (the loader reports that itself). */
    static YamlLines of(String text) {
        Map<String, Integer> lines = new HashMap<>();
        // One frame per open container: its path, and the next index for a list.
        Deque<String> paths = new ArrayDeque<>();
        Deque<int[]> indexes = new ArrayDeque<>();
        String pendingKey = null;
        try (JsonParser parser = ConfigLoader.YAML.getFactory().createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                int line = parser.currentTokenLocation().getLineNr();
                if (token == JsonToken.FIELD_NAME) {
                    pendingKey = parser.currentName();
                    lines.putIfAbsent(child(paths.peek(), pendingKey), line);
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    paths.pop();
                    indexes.pop();
                    continue;
                }
                String path = valuePath(paths, indexes, pendingKey);
                pendingKey = null;
                lines.putIfAbsent(path, line);
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    paths.push(path);
                    indexes.push(new int[] {0});
                }
            }
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
        return new YamlLines(lines);
    }

    /** The path of a value: a list's next item, a mapping's pending key, or the root. */
    private static String valuePath(Deque<String> paths, Deque<int[]> indexes, String key) {
        if (paths.isEmpty()) return "";
        if (key != null) return child(paths.peek(), key);
        return paths.peek() + "[" + indexes.peek()[0]++ + "]";
    }

    private static String child(String parent, String key) {
        return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }

    /** The line of {@code path} or of its nearest parent in the file; 0 when neither is. */
    int lineOf(String path) {
        String current = path;
        while (current != null && !current.isEmpty()) {
            Integer line = lines.get(current);
            if (line != null) return line;
            current = parent(current);
        }
        return 0;
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? null : path.substring(0, cut);
    }
}
