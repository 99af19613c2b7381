package dev.hone.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hone.error.BadInputException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Applies {@code --set path=value} overrides (e.g. {@code strategies[2].epochs=3}) to a config tree. */
final class ConfigOverrides {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)(?:\\[(\\d+)])?");

    private ConfigOverrides() {
    }

    static void apply(ObjectNode root, List<String> overrides, ObjectMapper yaml) {
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                throw new BadInputException("--set " + override + ": expected PATH=VALUE, e.g. --set strategies[2].epochs=3");
            }
            String path = override.substring(0, equals).trim();
            JsonNode value = parseValue(override.substring(equals + 1), yaml);
            String[] segments = path.split("\\.");
            JsonNode current = root;
            for (int i = 0; i < segments.length; i++) {
                Matcher m = SEGMENT.matcher(segments[i]);
                if (!m.matches()) throw new BadInputException("--set " + override + ": '" + segments[i] + "' is not a key or key[index]");
                boolean last = i == segments.length - 1;
                String key = m.group(1);
                if (!(current instanceof ObjectNode object)) {
                    throw new BadInputException("--set " + override + ": '" + key + "' is inside something that is not a mapping");
                }
                if (m.group(2) == null) {
                    if (last) {
                        object.set(key, value);
                    } else {
                        if (!object.has(key) || !object.get(key).isObject()) object.putObject(key);
                        current = object.get(key);
                    }
                    continue;
                }
                int index = Integer.parseInt(m.group(2));
                JsonNode list = object.get(key);
                if (!(list instanceof ArrayNode array) || index >= array.size()) {
                    throw new BadInputException("--set " + override + ": " + key + "[" + index + "] does not exist"
                            + (list instanceof ArrayNode array2 ? " (the list has " + array2.size() + " entries, numbered from 0)" : ""));
                }
                if (last) {
                    array.set(index, value);
                } else {
                    current = array.get(index);
                }
            }
        }
    }

    private static JsonNode parseValue(String text, ObjectMapper yaml) {
        try {
            JsonNode parsed = yaml.readTree(text);
            return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
        } catch (Exception e) {
            return TextNode.valueOf(text);
        }
    }
}
