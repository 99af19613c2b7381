package dev.hone.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/** A finished run: where it wrote, what it measured, what it recommends, and the results document. */
public record RunResult(Path directory, List<CandidateResult> candidates, Decision decision, ObjectNode results) {
}
