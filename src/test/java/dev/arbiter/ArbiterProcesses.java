package dev.arbiter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Arbiters in child JVMs ({@code java -cp <test classpath> dev.arbiter.ArbiterApplication}), for
 * tests that must end a node as an operating system ends a process: {@code kill -9}
 * ({@link Node#kill()}) or SIGTERM ({@link Node#terminate()}). Each node's output goes to
 * {@code target/it-nodes/<name>-<pid>.log}. Every process a test started is killed after it, even
 * when the test fails halfway, and at the latest when the test JVM exits.
 */
public final class ArbiterProcesses implements AfterEachCallback {

    private static final Duration START = Duration.ofSeconds(180);
    private static final List<Process> EVERY = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> EVERY.forEach(Process::destroyForcibly)));
    }

    private final List<Node> started = new CopyOnWriteArrayList<>();

    /** One Arbiter in its own JVM. */
    public record Node(String name, Process process, int port, Path log) {

        public long pid() {
            return process.pid();
        }

        public Http http(Keys.Key key) {
            return new Http(port, key);
        }

        /** {@code kill -9}: the JVM ends at once, with no shutdown hook, mid-request. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        /** SIGTERM, then waits for the JVM to end (Spring Boot's graceful shutdown); its exit code. */
        public int terminate() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " did not stop within 90 s of SIGTERM; see " + log);
            }
            return process.exitValue();
        }

        public String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts a node with these {@code key=value} settings (on a free loopback port) and waits until it is ready. */
    public Node start(String name, String... properties) throws IOException, InterruptedException {
        return awaitReady(launch(name, properties));
    }

    /** Starts a node without waiting: several can start at once, then {@link #awaitReady} each. */
    public Node launch(String name, String... properties) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path dir = Path.of("target/it-nodes");
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath(),
                ArbiterApplication.class.getName(),
                "--server.port=" + port,
                "--server.address=127.0.0.1"));
        for (String property : properties) {
            command.add("--" + property);
        }
        Path log = dir.resolve(name + "-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        EVERY.add(process);
        Node node = new Node(name, process, port, log);
        started.add(node);
        return node;
    }

    /** Waits until the node's readiness probe answers 200; fails with its log when it dies or takes too long. */
    public Node awaitReady(Node node) throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!node.process().isAlive()) {
                throw new AssertionError(
                        node.name() + " exited with " + node.process().exitValue() + ":\n" + tail(node.output()));
            }
            try {
                var answer = client.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + node.port() + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return node;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(node.name() + " not ready within " + START + ":\n" + tail(node.output()));
    }

    /**
     * The test JVM's class path without empty entries: failsafe's ends with one, which in a child
     * JVM would put the working directory (the project, with {@code db/migration}) on the class path.
     */
    private static String classpath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static String tail(String output) {
        return output.length() > 6000 ? output.substring(output.length() - 6000) : output;
    }

    @Override
    public void afterEach(ExtensionContext test) throws InterruptedException {
        for (Node node : started) {
            node.process().destroyForcibly();
            node.process().waitFor(30, TimeUnit.SECONDS);
            EVERY.remove(node.process());
        }
        started.clear();
    }
}
