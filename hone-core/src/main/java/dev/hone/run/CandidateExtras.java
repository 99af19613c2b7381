package dev.hone.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.strategy.Distillation;
import dev.hone.strategy.RemoteFineTune;
import java.util.List;

/** The {@code remote_finetune} and {@code distillation} objects of a candidate in results.json. */
final class CandidateExtras {
    private CandidateExtras() {
    }

    static void writeRemoteFineTune(ObjectNode node, RemoteFineTune job) {
        node.put("job_id", job.jobId()).put("base_model", job.baseModel()).put("fine_tuned_model", job.fineTunedModel())
                .put("training_file_id", job.trainingFileId()).put("examples", job.examples())
                .put("estimated_tokens", job.estimatedTokens()).put("trained_tokens", job.trainedTokens())
                .put("training_usd", job.trainingUsd()).put("job_seconds", job.jobSeconds()).put("wait_seconds", job.waitSeconds())
                .put("resumed", job.resumed()).put("ledger", job.ledger());
    }

    /** The teacher's test figures come from its own candidate in the same run (a teacher is always one). */
    static void writeDistillation(ObjectNode node, CandidateResult student, List<CandidateResult> all) {
        Distillation d = student.distillation();
        node.put("teacher", d.teacher()).put("teacher_kind", d.teacherKind()).put("source", d.source())
                .put("texts", d.texts()).put("labelled", d.labelled()).put("dropped", d.dropped());
        if (Double.isNaN(d.agreementWithGold())) node.putNull("teacher_agreement_with_gold");
        else node.put("teacher_agreement_with_gold", d.agreementWithGold());
        node.put("teacher_requests", d.teacherRequests()).put("teacher_cached_requests", d.teacherCachedRequests())
                .put("teacher_input_tokens", d.teacherInputTokens()).put("teacher_output_tokens", d.teacherOutputTokens())
                .put("teacher_usd", d.teacherUsd()).put("teacher_training_usd", d.teacherTrainingUsd())
                .put("student_test_accuracy", student.test().accuracy());
        all.stream().filter(r -> r.name().equals(d.teacher())).findFirst()
                .ifPresent(teacher -> node.put("teacher_test_accuracy", teacher.test().accuracy()));
    }
}
