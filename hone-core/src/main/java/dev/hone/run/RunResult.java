package dev.hone.run;

import dev.hone.results.Decision;
import dev.hone.results.RunResults;
import java.nio.file.Path;

/** A finished run: where it wrote, and the results it wrote there (decision included). */
public record RunResult(Path directory, RunResults results) {
    public Decision decision() {
        return results.decision();
    }
}
