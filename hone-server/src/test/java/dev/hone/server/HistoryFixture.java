package dev.hone.server;

import dev.hone.store.Prediction;
import dev.hone.store.PromptVersion;
import dev.hone.store.RecordedRun;
import dev.hone.store.RunRow;
import dev.hone.store.RunStore;
import dev.hone.store.StoreLocation;
import dev.hone.store.StoredCandidate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two small classification runs of one task recorded through the store's own API, on the same
 * twelve-example test set: A's probe gets every example right, B's only the first six (a drop of
 * 0.5 with an exact McNemar p of 2 · 0.5⁶ = 0.03125), and B's zero-shot template changed. The task
 * name, the config, a gold label and a prompt each carry a script that must never run.
 */
final class HistoryFixture {
    /** A script that marks the page (and logs to the console) if it ever runs. */
    static final String INJECTED = "<script>document.body.setAttribute('data-injected','ran');console.log('injected')</script>";
    static final String TASK = "tickets " + INJECTED;
    static final String A = "aaaa1111";
    static final String B = "bbbb2222";
    static final String PROMPT_A = "template:\nA message about {label} " + INJECTED;
    static final String PROMPT_B = "template:\nA customer writes about {label}";

    private HistoryFixture() {
    }

    /** Records both runs; A's folder is {@code folderA}, B's a folder that does not exist (as if moved). */
    static void record(StoreLocation location, Path folderA, Path missingFolderB) {
        try (RunStore store = RunStore.open(location)) {
            store.complete(run(A, "2026-12-01T09:00:00Z", folderA, "111111111111", 7, PROMPT_A, 12.5));
            store.complete(run(B, "2026-12-03T09:00:00Z", missingFolderB, "111111000000", 8, PROMPT_B, 10.0));
        }
    }

    private static RecordedRun run(String id, String startedAt, Path out, String outcomes, int seed, String prompt, double cost) {
        List<Prediction> probe = new ArrayList<>();
        List<Prediction> zeroShot = new ArrayList<>();
        int right = 0;
        for (int i = 0; i < outcomes.length(); i++) {
            String gold = i == 0 ? "refund " + INJECTED : i % 2 == 0 ? "refund" : "shipping";
            boolean correct = outcomes.charAt(i) == '1';
            if (correct) right++;
            String example = sha("example " + i);
            probe.add(new Prediction(i, example, gold, correct ? gold : "login", correct ? 1.0 : 0.0, correct));
            zeroShot.add(new Prediction(i, example, gold, gold, 1.0, true));
        }
        double accuracy = (double) right / outcomes.length();
        PromptVersion version = PromptVersion.of(new LinkedHashMap<>(Map.of("template", prompt.substring("template:\n".length()))));
        StoredCandidate probeCandidate = new StoredCandidate("probe", "linear-probe", accuracy, accuracy, accuracy - 0.1,
                Math.min(1, accuracy + 0.05), accuracy, 1.0, 2.0, 100.0, 3.0, 1_000L, 22_000_000L, cost, 0.01, 1e-6, 0.0, null,
                probe);
        StoredCandidate zeroShotCandidate = new StoredCandidate("zero-shot", "zero-shot", 1.0, 1.0, null, null, null, 1.0, 2.0,
                100.0, 0.0, 0L, 22_000_000L, 9.0, 0.0, 1e-6, 0.0, version.sha256(), zeroShot);
        String config = "task:\n  name: " + TASK + "\nmodel: all-minilm-l6-v2\nevaluation:\n  seed: " + seed + "\n";
        RunRow row = new RunRow(id, TASK, "classification", "all-minilm-l6-v2", "dataset-sha", sha("test set"), outcomes.length(),
                config, "test", "25", (long) seed, startedAt, startedAt.replace("09:00", "09:05"), out.toString(), RunRow.COMPLETE,
                "accuracy", "probe", "recommended", "probe is the most accurate " + INJECTED);
        return new RecordedRun(row, List.of(probeCandidate, zeroShotCandidate), List.of(version));
    }

    private static String sha(String text) {
        return PromptVersion.of(new LinkedHashMap<>(Map.of("x", text))).sha256();
    }
}
