package dev.hone.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code distillation}: how a distilled student's training labels were made by its teacher (another
 * candidate of the same run) and what they cost.
 *
 * @param teacherAgreementWithGold share of gold-labelled texts the teacher labelled right; null when none had gold
 * @param teacherTestAccuracy      the teacher candidate's own test accuracy, for comparison with the student's
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DistillationEvidence(String teacher, String teacherKind, String source, int texts, int labelled, int dropped,
                                   @JsonInclude(JsonInclude.Include.ALWAYS) Double teacherAgreementWithGold,
                                   long teacherRequests, long teacherCachedRequests, long teacherInputTokens,
                                   long teacherOutputTokens, double teacherUsd, double teacherTrainingUsd,
                                   double studentTestAccuracy, Double teacherTestAccuracy) implements Evidence {

    public DistillationEvidence withTeacherTestAccuracy(Double accuracy) {
        return new DistillationEvidence(teacher, teacherKind, source, texts, labelled, dropped, teacherAgreementWithGold,
                teacherRequests, teacherCachedRequests, teacherInputTokens, teacherOutputTokens, teacherUsd, teacherTrainingUsd,
                studentTestAccuracy, accuracy);
    }
}
