package dev.arbiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With tracing on, one decision is one trace: a {@code decide} span enclosing
 * {@code features}, {@code models} (with a span per model call), {@code rules} and
 * {@code commit}; and a remote model (a real HTTP server on loopback) receives the W3C
 * {@code traceparent} of its call's span, so its own traces join the decision's. With tracing
 * off (the default) there is no tracer: nothing is traced, not even for a caller that sends a
 * sampled {@code traceparent}, and providers are sent no trace context.
 */
class TracingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final List<String> traceparents = new CopyOnWriteArrayList<>();
    private HttpServer remoteModel;

    @AfterEach
    void stop() {
        if (remoteModel != null) {
            remoteModel.stop(0);
        }
    }

    @Test
    void aDecisionIsOneTraceWhoseRemoteModelCallCarriesItsContext() throws Exception {
        Path engine = engineWithRemotePrimary();
        var home = arbiters.home("tracing");
        var arbiter = arbiters.start(arbiters.builder(
                        home,
                        "arbiter.engine-dir=" + engine,
                        "arbiter.tracing.sampling=1.0",
                        "management.opentelemetry.tracing.export.schedule-delay=100ms",
                        "arbiter.audit.checkpoint-file=" + home.dir() + "-checkpoints.jsonl")
                .initializers(context -> context.getBeanFactory().registerSingleton("inMemorySpans", spans)));

        var answer = Http.to(arbiter, "originator")
                .post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("tr-" + UUID.randomUUID()));
        assertThat(answer.status()).isEqualTo(201);

        await().atMost(PATIENCE)
                .until(() -> named("commit").size() == 1
                        && named("model remote-credit").size() == 1);
        SpanData decide = only("decide");
        String trace = decide.getTraceId();
        for (String step : List.of("features", "models", "rules", "commit")) {
            SpanData span = only(step);
            assertThat(span.getTraceId()).as(step + " in the decision's trace").isEqualTo(trace);
            assertThat(span.getParentSpanId()).as(step + " inside decide").isEqualTo(decide.getSpanId());
        }
        SpanData call = only("model remote-credit");
        assertThat(call.getTraceId()).isEqualTo(trace);
        assertThat(call.getParentSpanId())
                .as("the model call inside models")
                .isEqualTo(only("models").getSpanId());
        assertThat(call.getAttributes().asMap().entrySet().stream()
                        .collect(Collectors.toMap(e -> e.getKey().getKey(), e -> String.valueOf(e.getValue()))))
                .containsEntry("model", "remote-credit")
                .containsEntry("role", "primary")
                .containsEntry("status", "OK");
        assertThat(traceparents)
                .as("the remote model was sent the call span's context")
                .containsExactly("00-" + trace + "-" + call.getSpanId() + "-01");
    }

    @Test
    void tracingIsOffByDefaultAndACallerCannotSwitchItOn() throws Exception {
        Path engine = engineWithRemotePrimary();
        var home = arbiters.home("tracing-off");
        var arbiter = arbiters.start(arbiters.builder(
                        home,
                        "arbiter.engine-dir=" + engine,
                        "management.opentelemetry.tracing.export.schedule-delay=100ms",
                        "arbiter.audit.checkpoint-file=" + home.dir() + "-checkpoints.jsonl")
                .initializers(context -> context.getBeanFactory().registerSingleton("inMemorySpans", spans)));

        // a caller's sampled trace context, which a tracer that merely samples nothing would follow
        var answer = Http.to(arbiter, "originator")
                .send(
                        "POST",
                        "/v1/decisions",
                        Http.json(ApplicationFixture.steadyEmployedRenter("tr-" + UUID.randomUUID()))
                                .getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        java.util.Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);

        await().atMost(PATIENCE).until(() -> traceparents.size() == 1);
        assertThat(arbiter.getBeanProvider(io.opentelemetry.sdk.trace.SdkTracerProvider.class)
                        .getIfAvailable())
                .as("no tracer at all while tracing is off")
                .isNull();
        assertThat(traceparents.get(0))
                .as("a provider is sent no trace context")
                .isNull();
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    private List<SpanData> named(String name) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name))
                .toList();
    }

    private SpanData only(String name) {
        assertThat(named(name)).as("spans named " + name).hasSize(1);
        return named(name).get(0);
    }

    /** The shipped engine with a remote model (an HTTP server here) first in the primary chain. */
    private Path engineWithRemotePrimary() throws IOException {
        remoteModel = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        remoteModel.createContext("/score", exchange -> {
            exchange.getRequestBody().readAllBytes();
            traceparents.add(exchange.getRequestHeaders().getFirst("traceparent"));
            byte[] body =
                    "{\"score\":0.1,\"confidence\":0.9,\"reasons\":[\"R-REMOTE\"]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        remoteModel.start();
        Path engine = Path.of("target/tracing-engine-" + UUID.randomUUID());
        try (Stream<Path> files = Files.walk(Path.of("engine"))) {
            files.forEach(source -> {
                try {
                    Files.copy(
                            source,
                            engine.resolve(Path.of("engine").relativize(source).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Files.writeString(engine.resolve("remote.key"), "tracing-test-secret");
        Path yaml = engine.resolve("ensemble.yaml");
        String config = Files.readString(yaml)
                .replace("primary: [primary-credit]", "primary: [remote-credit, primary-credit]")
                .replaceFirst(
                        "(?m)^models:\n", """
                        models:
                          - id: remote-credit
                            type: http-json
                            version: "1"
                            endpoint: "http://127.0.0.1:%d/score"
                            credentials: file:remote.key
                            keyId: arbiter
                            keyVersion: 1
                            regions: [EU]
                            timeout: 2s
                        """.formatted(remoteModel.getAddress().getPort()));
        assertThat(config).contains("remote-credit, primary-credit");
        Files.writeString(yaml, config);
        return engine;
    }
}
