package dev.hone.dataset;

import dev.hone.config.DatasetConfig;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the configured files, splits test and validation off, checks labels and runs the dataset checks. */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    /** Below this many held-out examples in the smallest class, choose by cross-validation instead. */
    static final int MIN_VALIDATION_PER_CLASS = 3;
    static final int MAX_FOLDS = 5;

    /**
     * @param declaredLabels labels the config lists (may be empty: then the data defines them)
     */
    public static LabelledData load(DatasetConfig config, Set<String> declaredLabels, long seed, boolean skipBadRows) {
        DatasetReader reader = new DatasetReader(config.textField(), config.labelField(), skipBadRows);
        DatasetReader.Result trainFile = reader.read(config.train());
        List<Example> train = trainFile.examples();
        List<Example> test;
        int skipped = trainFile.skipped();
        if (config.test() != null) {
            DatasetReader.Result testFile = reader.read(config.test());
            test = testFile.examples();
            skipped += testFile.skipped();
        } else {
            List<List<Example>> split = Splits.stratified(train, config.testFraction(), seed);
            train = split.get(0);
            test = split.get(1);
            if (test.isEmpty()) {
                throw new BadInputException(config.train() + ": test_fraction " + config.testFraction()
                        + " leaves no test examples; use a larger fraction or a separate test file");
            }
        }
        List<String> labels = labels(train, test, declaredLabels, config);
        String sha256 = sha256(config.test() == null ? List.of(config.train()) : List.of(config.train(), config.test()));
        int folds = selectionFolds(train, config.validationFraction());
        if (folds > 0) {
            return new LabelledData(train, List.of(), test, labels, sha256, DatasetChecks.of(train, test), skipped, folds);
        }
        List<List<Example>> carved = Splits.stratified(train, config.validationFraction(), seed + 1);
        return new LabelledData(carved.get(0), carved.get(1), test, labels, sha256, DatasetChecks.of(train, test), skipped, 0);
    }

    /**
     * Cross-validation folds for choosing among candidates when a held-out validation split would
     * leave the smallest class fewer than {@link #MIN_VALIDATION_PER_CLASS} examples (a choice made on
     * a handful of texts is a coin toss); 0 to hold out a validation split as usual, or when the user
     * asked for no validation at all (fraction 0) or a class has a single example.
     */
    static int selectionFolds(List<Example> train, double validationFraction) {
        int smallest = Splits.smallestClass(train);
        if (validationFraction <= 0 || smallest < 2 || smallest * validationFraction >= MIN_VALIDATION_PER_CLASS) return 0;
        return Math.min(MAX_FOLDS, smallest);
    }

    private static List<String> labels(List<Example> train, List<Example> test, Set<String> declared, DatasetConfig config) {
        Map<String, Example> firstUse = new LinkedHashMap<>();
        for (Example e : train) firstUse.putIfAbsent(e.label(), e);
        if (!declared.isEmpty()) {
            for (Example e : train) {
                if (!declared.contains(e.label())) throw unknownLabel(e, declared);
            }
            for (Example e : test) {
                if (!declared.contains(e.label())) throw unknownLabel(e, declared);
            }
        }
        for (Example e : test) {
            if (!firstUse.containsKey(e.label())) {
                throw new BadInputException(e.location() + ": test label '" + e.label() + "' never appears in "
                        + config.train() + "; no strategy can learn it. Add training examples for it or drop it from the test set");
            }
        }
        if (firstUse.size() < 2) {
            throw new BadInputException(config.train() + ": found " + firstUse.size() + " label(s) " + firstUse.keySet()
                    + "; classification needs at least 2 (is label_field right?)");
        }
        if (!declared.isEmpty()) {
            List<String> ordered = new ArrayList<>();
            for (String label : declared) if (firstUse.containsKey(label)) ordered.add(label);
            return ordered;
        }
        return new ArrayList<>(new TreeSet<>(firstUse.keySet()));
    }

    private static BadInputException unknownLabel(Example e, Set<String> declared) {
        return new BadInputException(e.location() + ": label '" + e.label() + "' is not listed under labels: in the config ("
                + String.join(", ", new LinkedHashSet<>(declared)) + "); add it there or fix the row");
    }

    static String sha256(List<Path> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) digest.update(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + files + " to hash it: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new HoneException("SHA-256 is unavailable in this JVM", e);
        }
    }
}
