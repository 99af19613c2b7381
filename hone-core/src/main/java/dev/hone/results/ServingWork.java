package dev.hone.results;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code serving_work}: what a candidate runs per prediction, recorded as it is built so the cost
 * model can price it at the end of the run, also after {@code hone run --resume} kept it without
 * building it again.
 *
 * @param usesEncoder        it runs the run's encoder forward pass
 * @param extraMultiplyAdds  its work per prediction beyond that pass (a head, a neighbour search)
 * @param inProcessLlmCores  the cores an LLM answering in this process occupies; 0 when its LLM, if any, answers elsewhere
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServingWork(boolean usesEncoder, long extraMultiplyAdds, int inProcessLlmCores) {
    public ServingWork {
        if (extraMultiplyAdds < 0) throw new IllegalArgumentException("serving_work.extra_multiply_adds must be ≥ 0, got " + extraMultiplyAdds);
        if (inProcessLlmCores < 0) throw new IllegalArgumentException("serving_work.in_process_llm_cores must be ≥ 0, got " + inProcessLlmCores);
    }

    public ServingWork(boolean usesEncoder, long extraMultiplyAdds) {
        this(usesEncoder, extraMultiplyAdds, 0);
    }
}
