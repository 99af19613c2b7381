package dev.hone.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: Debian's server binaries (installed by
 * {@code scripts/ensure-postgresql} before the tests), a new cluster under {@code target/} on a
 * free port, TCP on 127.0.0.1 only, stopped and deleted by {@link #stop}. PostgreSQL refuses to run
 * as root, so under root the cluster belongs to, and runs as, the {@code postgres} user.
 * Anything missing fails the test with what to do: the PostgreSQL path is never skipped.
 */
final class PostgresServer {
    private static final String USER = "hone";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path folder;
    private final int port;
    private final String runAs;

    private PostgresServer(Path bin, Path folder, int port, String runAs) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
        this.runAs = runAs;
    }

    /** Creates and starts a cluster in a new folder under {@code parent}. */
    static PostgresServer start(Path parent) throws IOException, InterruptedException {
        Path bin = binaries();
        Files.createDirectories(parent);
        Path folder = Files.createTempDirectory(parent.toAbsolutePath(), "postgres-");
        String runAs = "root".equals(System.getProperty("user.name")) ? "postgres" : null;
        if (runAs != null) run(null, folder, List.of("chown", runAs, folder.toString()));
        PostgresServer server = new PostgresServer(bin, folder, freePort(), runAs);
        server.asServerUser(List.of(bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync"));
        // Only TCP on the loopback, no Unix socket; durability is not wanted in a test cluster.
        server.asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", server.data().toString(), "-l",
                folder.resolve("server.log").toString(), "-w", "-t", "60", "-o", "-p " + server.port
                        + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off -c full_page_writes=off", "start"));
        return server;
    }

    /** A new empty database's JDBC URL (one per test, so tests never see each other's runs). */
    String newDatabase() throws SQLException {
        String name = "hone_test_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /** Stops the server (without waiting for clients) and deletes its folder. */
    void stop() throws IOException, InterruptedException {
        try {
            asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
            }
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    private Path data() {
        return folder.resolve("data");
    }

    private void asServerUser(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (runAs != null) full.addAll(List.of("runuser", "-u", runAs, "--"));
        full.addAll(command);
        run(this, folder, full);
    }

    private static void run(PostgresServer server, Path folder, List<String> command) throws IOException, InterruptedException {
        Path output = folder.resolve("command.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s:\n" + Files.readString(output));
        }
        if (process.exitValue() != 0) {
            Path log = folder.resolve("server.log");
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                    + Files.readString(output) + (Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : ""));
        }
    }

    /** The newest installed server's bin folder (Debian keeps them in /usr/lib/postgresql/VERSION/bin). */
    private static Path binaries() throws IOException {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> version(v.getFileName().toString())));
                if (newest.isPresent()) return newest.get().resolve("bin");
            }
        }
        throw new IllegalStateException("no PostgreSQL server under " + debian + " (initdb, pg_ctl); scripts/ensure-postgresql "
                + "installs it before the tests (apt-get install postgresql), or run it by hand");
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
