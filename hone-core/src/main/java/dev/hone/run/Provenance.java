package dev.hone.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Who made a result and from what: enough to reproduce it (same config, data and seed). */
public record Provenance(String honeVersion, String javaVersion, long seed, String datasetSha256, String model,
                         Instant startedAt, int hostCores) {

    public static Provenance now(long seed, String datasetSha256, String model) {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return new Provenance(version == null ? "development" : version, System.getProperty("java.version"), seed,
                datasetSha256, model, Instant.now(), Runtime.getRuntime().availableProcessors());
    }

    void writeTo(ObjectNode node, Instant finishedAt) {
        node.put("hone_version", honeVersion).put("java_version", javaVersion).put("seed", seed)
                .put("dataset_sha256", datasetSha256).put("model", model).put("started_at", startedAt.toString())
                .put("host_cores", hostCores);
        if (finishedAt != null) node.put("finished_at", finishedAt.toString());
    }
}
