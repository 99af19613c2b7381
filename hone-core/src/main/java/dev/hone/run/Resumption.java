package dev.hone.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.config.HoneConfig;
import dev.hone.dataset.LabelledData;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a run killed halfway left in its folder, for {@code hone run --resume}: results.json is
 * rewritten after every candidate, so it holds each finished candidate's typed record (test
 * predictions and serving work included) beside its saved folder. Such a run is continued only
 * with the same resolved config and the same data (equal hashes), so the splits and seeds are
 * those the kept candidates were measured with.
 */
public final class Resumption {
    /** At most this many changed config paths are named in a refusal. */
    private static final int NAMED_CHANGES = 3;

    private final Path out;
    private final ClassificationResults previous;

    private Resumption(Path out, ClassificationResults previous) {
        this.out = out;
        this.previous = previous;
    }

    /**
     * The interrupted run in {@code out}, checked against {@code config}; a bad input naming what
     * differs when OUT holds no run to continue, a finished one, or one of another config.
     */
    public static Resumption of(HoneConfig config, Path out) {
        Path file = out.resolve("results.json");
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--resume: " + out + " holds no resumable run (no results.json); run without --resume");
        }
        RunResults results;
        try {
            results = RunResults.read(file);
        } catch (HoneException e) {
            throw new BadInputException("--resume: " + out + " holds no resumable run (" + e.getMessage() + ")", e);
        }
        if (!(results instanceof ClassificationResults classification)) {
            throw new BadInputException("--resume: " + out + " holds a " + results.task().kind() + " run; only classification runs "
                    + "resume (their candidates are saved one by one); run it again without --resume");
        }
        if (results.provenance() == null || results.provenance().finishedAt() != null) {
            throw new BadInputException("--resume: the run in " + out + " finished"
                    + (results.provenance() == null ? "" : " at " + results.provenance().finishedAt())
                    + "; nothing to resume (use another --out for a new run)");
        }
        // Compared as results.json holds it: through its JSON text, so a float and the double read back are one value.
        List<String> changed = changes(classification.config(), asWritten(config.resolved()));
        if (!changed.isEmpty()) {
            throw new BadInputException("--resume: the config differs from the interrupted run's in " + out + " ("
                    + String.join("; ", changed) + "); undo the change, or run without --resume into another --out");
        }
        return new Resumption(out, classification);
    }

    /** The interrupted run's folder, which the resumed run writes into. */
    public Path out() {
        return out;
    }

    /** The interrupted run's records: its provenance (start time, seed) carries over to the resumed run. */
    public ClassificationResults previous() {
        return previous;
    }

    /** Refuses when the data read now is not the data the kept candidates were measured on. */
    void checkData(LabelledData data) {
        String before = previous.provenance().datasetSha256();
        if (!Objects.equals(before, data.sha256())) {
            throw new BadInputException("--resume: the dataset changed since the interrupted run in " + out + " (sha256 "
                    + abbreviated(before) + " then, " + abbreviated(data.sha256()) + " now); restore it, or run without --resume "
                    + "into another --out");
        }
    }

    /**
     * The candidate of strategy {@code name} as the interrupted run measured it; null when it must be
     * built: not finished then, its folder gone, or recorded before serving work was.
     */
    ClassifierResult finished(String name) {
        for (ClassifierResult candidate : previous.candidates()) {
            if (!candidate.name().equals(name)) continue;
            boolean saved = Files.isRegularFile(out.resolve("candidates").resolve(name).resolve("candidate.json"));
            return saved && candidate.servingWork() != null ? candidate : null;
        }
        return null;
    }

    /** Up to {@value #NAMED_CHANGES} paths where the configs differ, each with both values. */
    static List<String> changes(JsonNode before, JsonNode now) {
        List<String> changes = new ArrayList<>();
        compare("", before, now, changes);
        if (changes.size() > NAMED_CHANGES) {
            int more = changes.size() - NAMED_CHANGES;
            changes = new ArrayList<>(changes.subList(0, NAMED_CHANGES));
            changes.add("and " + more + " more");
        }
        return changes;
    }

    private static void compare(String path, JsonNode before, JsonNode now, List<String> changes) {
        if (Objects.equals(before, now)) return;
        if (before != null && now != null && before.isObject() && now.isObject()) {
            List<String> names = new ArrayList<>();
            before.fieldNames().forEachRemaining(names::add);
            for (Iterator<Map.Entry<String, JsonNode>> it = now.fields(); it.hasNext(); ) {
                String name = it.next().getKey();
                if (!names.contains(name)) names.add(name);
            }
            for (String name : names) compare(path.isEmpty() ? name : path + "." + name, before.get(name), now.get(name), changes);
            return;
        }
        if (before != null && now != null && before.isArray() && now.isArray() && before.size() == now.size()) {
            for (int i = 0; i < before.size(); i++) compare(path + "[" + i + "]", before.get(i), now.get(i), changes);
            return;
        }
        changes.add((path.isEmpty() ? "the whole config" : path) + ": " + shown(before) + " then, " + shown(now) + " now");
    }

    private static JsonNode asWritten(JsonNode config) {
        try {
            return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(config));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a resolved config is always writable as JSON", e);
        }
    }

    private static String shown(JsonNode value) {
        if (value == null || value.isMissingNode()) return "absent";
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "…" : text;
    }

    private static String abbreviated(String sha256) {
        return sha256 == null ? "unknown" : sha256.substring(0, Math.min(12, sha256.length()));
    }
}
