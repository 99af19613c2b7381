package dev.hone.strategy.ragclassify;

import dev.hone.dataset.Example;
import dev.hone.error.BadInputException;
import dev.hone.retrieval.Chunk;
import dev.hone.retrieval.Chunker;
import dev.hone.retrieval.DocumentReader;
import dev.hone.retrieval.LabelledIndex;
import dev.hone.retrieval.SearchMode;
import dev.hone.strategy.Candidate;
import dev.hone.strategy.Strategy;
import dev.hone.strategy.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Retrieval-augmented classification: every training example (and every chunk of the documents
 * filed under {@code documents/<label>/}) goes into a {@link LabelledIndex}; nothing is trained.
 */
final class RagClassifyStrategy implements Strategy {
    private final RagClassifyConfig config;

    RagClassifyStrategy(RagClassifyConfig config) {
        this.config = config;
    }

    @Override
    public Candidate build(TrainingData data) {
        List<LabelledIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < data.train().size(); i++) {
            Example e = data.train().get(i);
            entries.add(new LabelledIndex.Entry(e.label(), "example:" + i, e.text()));
        }
        if (config.documents() != null) entries.addAll(documents(data));
        LabelledIndex index = LabelledIndex.build(data.model(), entries);
        return new RagClassifyCandidate(data.model(), data.labels(), index, config.k(), SearchMode.parse(config.mode()),
                priors(data));
    }

    /** Chunks of the files under {@code documents/<label>/}, labelled by that folder. */
    private List<LabelledIndex.Entry> documents(TrainingData data) {
        Path root = config.documents();
        if (!Files.isDirectory(root))
            throw new BadInputException("strategy '" + config.name() + "': documents folder " + root
                    + " not found; give a folder with one sub-folder per label");
        Chunker chunker = new Chunker(data.model()::countTokens, Math.min(config.chunkTokens(), data.model().info().maxTokens()),
                Math.min(config.chunkTokens() / 5, config.chunkTokens() - 1));
        DocumentReader reader = new DocumentReader();
        List<LabelledIndex.Entry> out = new ArrayList<>();
        List<String> unlabelled = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = root.relativize(file);
                String label = relative.getNameCount() > 1 ? relative.getName(0).toString() : null;
                if (label == null || !data.labels().contains(label)) {
                    unlabelled.add(relative.toString());
                    continue;
                }
                if (!DocumentReader.supported(file)) continue;
                DocumentReader.Result text = reader.read(file);
                if (text.text().isEmpty()) continue;
                for (Chunk chunk : chunker.chunk(text.text().get())) {
                    out.add(new LabelledIndex.Entry(label, relative.toString().replace('\\', '/') + "#" + chunk.number(), chunk.text()));
                }
            }
        } catch (IOException e) {
            throw new BadInputException("strategy '" + config.name() + "': cannot read documents in " + root + ": " + e.getMessage());
        }
        if (!unlabelled.isEmpty())
            throw new BadInputException("strategy '" + config.name() + "': " + unlabelled.size() + " file(s) in " + root
                    + " are not in a sub-folder named after a label (e.g. " + unlabelled.get(0) + "); labels are " + data.labels());
        return out;
    }

    /** Training label frequencies: the answer when no indexed text matches a query at all. */
    private static double[] priors(TrainingData data) {
        double[] priors = new double[data.labels().size()];
        for (Example e : data.train()) priors[data.labels().indexOf(e.label())] += 1.0 / data.train().size();
        return priors;
    }
}
