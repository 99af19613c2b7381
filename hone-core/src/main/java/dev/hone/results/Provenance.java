package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * {@code provenance}: who made a result and from what, enough to reproduce it (same config, data and seed).
 *
 * @param finishedAt null while the run is still going
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(String honeVersion, String javaVersion, long seed, String datasetSha256, String model,
                         String startedAt, int hostCores, String finishedAt) {

    public static Provenance now(long seed, String datasetSha256, String model) {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return new Provenance(version == null ? "development" : version, System.getProperty("java.version"), seed,
                datasetSha256, model, Instant.now().toString(), Runtime.getRuntime().availableProcessors(), null);
    }

    public Provenance finished(Instant at) {
        return new Provenance(honeVersion, javaVersion, seed, datasetSha256, model, startedAt, hostCores,
                at == null ? null : at.toString());
    }
}
