package dev.hone.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The few-shot protocol's selection, shared by the benches that run it: datasets, examples per class,
 * seeded draws, encoders, and how many test texts each dataset keeps.
 */
record Protocol(List<String> datasets, List<Integer> sizes, int draws, List<String> models, int testLimit, Path datasetsDir) {

    /** From {@code --datasets a,b --n 8,64 --draws 5 --models m1,m2 --test-limit 1000 --datasets-dir DIR}, defaults filled in. */
    static Protocol of(Map<String, String> options) {
        return new Protocol(List.of(options.getOrDefault("datasets", "emotion,sst2,trec,subj,banking77").split(",")),
                List.of(options.getOrDefault("n", "8,64").split(",")).stream().map(Integer::parseInt).toList(),
                Integer.parseInt(options.getOrDefault("draws", "5")),
                List.of(options.getOrDefault("models", "all-minilm-l6-v2,bge-small-en-v1.5").split(",")),
                Integer.parseInt(options.getOrDefault("test-limit", "1000")),
                Path.of(options.getOrDefault("datasets-dir", "../shared/datasets")));
    }
}
