package dev.arbiter.ensemble;

import static dev.arbiter.decision.TestApplications.steadyEmployedRenter;
import static dev.arbiter.decision.TestApplications.thinFileWithHealthyCashFlow;
import static dev.arbiter.ensemble.LoopbackProvider.json;
import static dev.arbiter.ensemble.LoopbackProvider.rateLimited;
import static dev.arbiter.ensemble.LoopbackProvider.slow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The ensemble against real HTTP providers on loopback that time out, throttle, fail and lie. */
class RemoteProvidersIT {

    private static final Map<String, String> ENV =
            Map.of("KEY_V1", "old-secret", "KEY_V2", "new-secret", "LLM_KEY", "sk-test");

    /** Field names of personal and monitoring data an origination system may hold. */
    private static final java.util.Set<String> PERSONAL = java.util.Set.of(
            "applicationId",
            "name",
            "firstName",
            "lastName",
            "email",
            "phone",
            "address",
            "nationalId",
            "dateOfBirth",
            "sex",
            "gender",
            "maritalStatus",
            "ethnicity",
            "race",
            "religion");

    @TempDir
    Path engine;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Test
    void theChainFailsOverInOrderPastEveryKindOfFaultAndNeverCallsAForbiddenRegion() throws Exception {
        LoopbackProvider china = open(LoopbackProvider.scoring(0.1, 0.9));
        LoopbackProvider.Resetting reset = open(new LoopbackProvider.Resetting());
        LoopbackProvider broken = open(LoopbackProvider.answering(json(500, "{\"error\":\"boom\"}")));
        LoopbackProvider garbage = open(LoopbackProvider.answering(json(200, "{\"score\": 0.2, \"confidence\": ")));
        LoopbackProvider liar =
                open(LoopbackProvider.answering(json(200, "{\"score\":1.7,\"confidence\":0.9,\"reasons\":[]}")));
        LoopbackProvider stringly =
                open(LoopbackProvider.answering(json(200, "{\"score\":\"0.2\",\"confidence\":0.9,\"reasons\":[]}")));
        LoopbackProvider good = open(LoopbackProvider.scoring(0.12, 0.9));

        RoutedEnsemble ensemble = ensemble(
                "3s",
                "1",
                "[cn, reset, broken, garbage, liar, stringly, good]",
                http("cn", china.url("/score"), "regions: [CN]"),
                http("reset", reset.url("/score"), ""),
                http("broken", broken.url("/score"), ""),
                http("garbage", garbage.url("/score"), ""),
                http("liar", liar.url("/score"), ""),
                http("stringly", stringly.url("/score"), ""),
                http("good", good.url("/score"), ""));

        List<ModelScore> scores = assess(ensemble, steadyEmployedRenter());

        assertThat(scores)
                .extracting(ModelScore::modelId, ModelScore::status)
                .containsExactly(
                        tuple("cn", ModelStatus.REGION_FORBIDDEN),
                        tuple("reset", ModelStatus.HTTP_ERROR),
                        tuple("broken", ModelStatus.HTTP_ERROR),
                        tuple("garbage", ModelStatus.MALFORMED),
                        tuple("liar", ModelStatus.MALFORMED),
                        tuple("stringly", ModelStatus.MALFORMED),
                        tuple("good", ModelStatus.OK));
        assertThat(china.received()).isEmpty();
        assertThat(reset.connections()).isEqualTo(1);
        assertThat(scores.get(4).rawResponse()).contains("'score' must be between 0 and 1, was 1.7");
        assertThat(scores.get(6).risk()).isEqualTo(0.12);
        assertThat(scores.get(6).providerRegion()).isEqualTo("EU");
        assertThat(scores)
                .allMatch(s -> s.role() == ModelRole.PRIMARY && s.trigger().equals("always"));
    }

    @Test
    void aProviderSlowerThanItsTimeoutIsRecordedAsTimeoutAndTheNextOneAnswers() throws Exception {
        LoopbackProvider sluggish = open(LoopbackProvider.answering(slow(2_000, json(200, "{}"))));
        LoopbackProvider good = open(LoopbackProvider.scoring(0.3, 0.8));
        RoutedEnsemble ensemble = ensemble(
                "3s",
                "1",
                "[sluggish, good]",
                http("sluggish", sluggish.url("/score"), "timeout: 200ms"),
                http("good", good.url("/score"), ""));

        List<ModelScore> scores = assess(ensemble, steadyEmployedRenter());

        assertThat(scores)
                .extracting(ModelScore::modelId, ModelScore::status)
                .containsExactly(tuple("sluggish", ModelStatus.TIMEOUT), tuple("good", ModelStatus.OK));
        assertThat(scores.get(0).latencyMillis()).isBetween(150L, 1_000L);
    }

    @Test
    void aRateLimitedCallIsRetriedAfterTheWaitTheProviderAskedFor() throws Exception {
        LoopbackProvider throttled = open(LoopbackProvider.answering(rateLimited("1")));
        RoutedEnsemble ensemble = ensemble(
                "4s",
                "1",
                "[throttled]",
                http("throttled", throttled.url("/score"), "retry: { maxAttempts: 2, backoff: 10ms }"));
        // after the first request, the provider recovers
        throttled.behave(exchange -> {
            throttled.behave(json(200, "{\"score\":0.2,\"confidence\":0.7,\"reasons\":[]}"));
            rateLimited("1").answer(exchange);
        });

        List<ModelScore> scores = assess(ensemble, steadyEmployedRenter());

        assertThat(scores)
                .extracting(ModelScore::attempt, ModelScore::status)
                .containsExactly(tuple(1, ModelStatus.RATE_LIMITED), tuple(2, ModelStatus.OK));
        List<LoopbackProvider.Received> requests = throttled.received();
        assertThat(Duration.ofNanos(requests.get(1).atNanos() - requests.get(0).atNanos()))
                .isGreaterThan(Duration.ofMillis(950));
        assertThat(scores.get(0).rawResponse()).contains("Retry-After: 1");
    }

    @Test
    void aRequestTheProviderRejectsIsNotRetried() throws Exception {
        LoopbackProvider strict = open(LoopbackProvider.answering(json(400, "{\"error\":\"bad request\"}")));
        RoutedEnsemble ensemble = ensemble(
                "2s",
                "1",
                "[strict]",
                http("strict", strict.url("/score"), "retry: { maxAttempts: 3, backoff: 10ms }"));

        assertThat(assess(ensemble, steadyEmployedRenter()))
                .filteredOn(s -> s.role() == ModelRole.PRIMARY)
                .extracting(ModelScore::attempt, ModelScore::status)
                .containsExactly(tuple(1, ModelStatus.HTTP_ERROR));
        assertThat(strict.received()).hasSize(1);
    }

    @Test
    void aDecisionWithAHangingProviderAnswersSoonAfterItsDeadline() throws Exception {
        LoopbackProvider hanging = open(LoopbackProvider.answering(slow(10_000, json(200, "{}"))));
        LoopbackProvider neverReached = open(LoopbackProvider.scoring(0.1, 0.9));
        RoutedEnsemble ensemble = ensemble(
                "300ms",
                "1",
                "[hanging, later]",
                http("hanging", hanging.url("/score"), "timeout: 5s"),
                http("later", neverReached.url("/score"), ""));

        long started = System.nanoTime();
        List<ModelScore> scores = assess(ensemble, steadyEmployedRenter());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // the provider hangs for 10 s: answering within a few seconds can only be the 300 ms deadline
        // (the margin is for a cold JVM on a busy machine)
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(scores)
                .extracting(ModelScore::modelId, ModelScore::status)
                .containsExactly(
                        tuple("hanging", ModelStatus.TIMEOUT),
                        tuple("later", ModelStatus.SKIPPED),
                        tuple("cash-flow", ModelStatus.SKIPPED));
        assertThat(scores.get(2).trigger()).isEqualTo("primary-failed");
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndClosesAfterASuccessfulTrial() throws Exception {
        LoopbackProvider flaky = open(LoopbackProvider.answering(json(503, "")));
        RoutedEnsemble ensemble = ensemble(
                "2s",
                "1",
                "[flaky]",
                http(
                        "flaky",
                        flaky.url("/score"),
                        "circuitBreaker: { failureRateThreshold: 50, window: 2, waitInOpen: 500ms }"));
        RemoteModel model = (RemoteModel) ensemble.provider("flaky");

        assertThat(primaryStatus(ensemble)).isEqualTo(ModelStatus.HTTP_ERROR);
        assertThat(primaryStatus(ensemble)).isEqualTo(ModelStatus.HTTP_ERROR);
        assertThat(model.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(primaryStatus(ensemble)).isEqualTo(ModelStatus.CIRCUIT_OPEN);
        assertThat(flaky.received()).hasSize(2);

        flaky.behave(json(200, "{\"score\":0.2,\"confidence\":0.9,\"reasons\":[]}"));
        Thread.sleep(600);
        assertThat(primaryStatus(ensemble)).isEqualTo(ModelStatus.OK);
        assertThat(model.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(primaryStatus(ensemble)).isEqualTo(ModelStatus.OK);
        assertThat(flaky.received()).hasSize(4);
    }

    @Test
    void aCallThatWouldExceedTheCostBudgetIsNotMade() throws Exception {
        LoopbackProvider broken = open(LoopbackProvider.answering(json(500, "")));
        LoopbackProvider pricey = open(LoopbackProvider.scoring(0.1, 0.9));
        RoutedEnsemble ensemble = ensemble(
                "2s",
                "0.05",
                "[broken, pricey]",
                http("broken", broken.url("/score"), "costPerCall: 0.03"),
                http("pricey", pricey.url("/score"), "costPerCall: 0.03"));

        assertThat(assess(ensemble, steadyEmployedRenter()))
                .extracting(ModelScore::modelId, ModelScore::status)
                .startsWith(tuple("broken", ModelStatus.HTTP_ERROR), tuple("pricey", ModelStatus.BUDGET_EXHAUSTED));
        assertThat(pricey.received()).isEmpty();
    }

    @Test
    void providersReceiveTheAllowedFeaturesAndNothingElse() throws Exception {
        LoopbackProvider vendor = open(LoopbackProvider.scoring(0.1, 0.9));
        RoutedEnsemble ensemble = ensemble("2s", "1", "[vendor]", http("vendor", vendor.url("/score"), ""));
        Application application = thinFileWithHealthyCashFlow();

        assess(ensemble, application);

        JsonNode body = Json.MAPPER.readTree(vendor.received().get(0).body());
        ModelInput allowed = ModelInput.of(application, Applicants.features(application));
        assertThat(body.propertyNames())
                .containsExactlyInAnyOrderElementsOf(allowed.values().keySet());
        assertThat(body.propertyNames())
                .noneMatch(n -> n.startsWith("monitoring"))
                .noneMatch(n -> PERSONAL.contains(n.substring(n.lastIndexOf('.') + 1)));
        assertThat(vendor.received().get(0).body()).doesNotContain(application.applicationId());
    }

    @Test
    void theSignatureVerifiesWithTheKeyVersionTheRequestNamesWhileKeysRotate() throws Exception {
        LoopbackProvider vendor = open(LoopbackProvider.scoring(0.1, 0.9));
        Map<String, String> providerKeys = Map.of("1", "old-secret", "2", "new-secret");
        RoutedEnsemble before = ensemble(
                "2s",
                "1",
                "[vendor]",
                http("vendor", vendor.url("/v1/score"), "credentials: env:KEY_V1, keyVersion: 1"));
        RoutedEnsemble after = ensemble("2s", "1", "[vendor]", http("vendor", vendor.url("/v1/score"), ""));

        assess(before, steadyEmployedRenter());
        assess(after, steadyEmployedRenter());

        List<LoopbackProvider.Received> requests = vendor.received();
        assertThat(requests)
                .extracting(r -> r.header(RequestSigner.KEY_VERSION))
                .containsExactly("1", "2");
        for (LoopbackProvider.Received r : requests) {
            String version = r.header(RequestSigner.KEY_VERSION);
            String other = version.equals("1") ? "2" : "1";
            assertThat(r.header(RequestSigner.KEY_ID)).isEqualTo("arbiter");
            assertThat(r.header(RequestSigner.SIGNATURE))
                    .isEqualTo(expectedSignature(r, providerKeys.get(version)))
                    .isNotEqualTo(expectedSignature(r, providerKeys.get(other)));
        }
        assertThat(requests.get(0).header(RequestSigner.NONCE))
                .isNotEqualTo(requests.get(1).header(RequestSigner.NONCE));
        assertThat(requests.get(0).header(RequestSigner.TIMESTAMP))
                .isEqualTo(Long.toString(Applicants.CLOCK.instant().getEpochSecond()));
    }

    @Test
    void aChatModelAnswersThroughStructuredOutputAndProseIsRefused() throws Exception {
        String answer = "{\"risk\":0.25,\"confidence\":0.7,\"reasons\":[\"CASHFLOW-STEADY\"]}";
        LoopbackProvider llm = open(LoopbackProvider.answering(json(200, chatCompletion(answer))));
        RoutedEnsemble ensemble = ensemble("2s", "1", "[llm]", chat("llm", llm.url("")));

        ModelScore score = assess(ensemble, steadyEmployedRenter()).get(0);

        assertThat(score.status()).isEqualTo(ModelStatus.OK);
        assertThat(score.risk()).isEqualTo(0.25);
        assertThat(score.factors()).extracting(f -> f.reasonCode()).containsExactly("CASHFLOW-STEADY");
        LoopbackProvider.Received request = llm.received().get(0);
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
        JsonNode body = Json.MAPPER.readTree(request.body());
        assertThat(body.path("response_format").path("type").asString()).isEqualTo("json_schema");
        assertThat(body.path("messages").path(1).path("content").asString())
                .contains("- applicant.monthlyIncome: 3800")
                .doesNotContain("monitoring");

        llm.behave(json(200, chatCompletion("I think this applicant is probably fine, risk about 0.2.")));
        assertThat(assess(ensemble, steadyEmployedRenter()).get(0).status()).isEqualTo(ModelStatus.MALFORMED);
        llm.behave(json(200, chatCompletion("{\"risk\":-0.1,\"confidence\":0.7,\"reasons\":[]}")));
        assertThat(assess(ensemble, steadyEmployedRenter()).get(0).status()).isEqualTo(ModelStatus.MALFORMED);
    }

    @Test
    void anUnsurePrimaryAsksTheRemoteSecondOpinionAndRecordsTheTrigger() throws Exception {
        LoopbackProvider unsure = open(LoopbackProvider.scoring(0.85, 0.9));
        LoopbackProvider opinion = open(LoopbackProvider.scoring(0.3, 0.8));
        Files.copy(Path.of("engine/models/cash-flow.json"), engine.resolve("cash-flow.json"));
        RoutedEnsemble ensemble =
                build("""
                version: "t"
                deadline: 2s
                costBudget: 1
                dataRegions: { EU: [EU] }
                roles: { primary: [unsure], second-opinion: [opinion, cash-flow] }
                models:
                %s
                %s
                  - { id: cash-flow, type: scorecard, file: cash-flow.json }
                """.formatted(http("unsure", unsure.url("/s"), ""), http("opinion", opinion.url("/s"), "")));

        List<ModelScore> scores = assess(ensemble, steadyEmployedRenter());

        assertThat(scores)
                .extracting(ModelScore::role, ModelScore::modelId, ModelScore::trigger)
                .containsExactly(
                        tuple(ModelRole.PRIMARY, "unsure", "always"),
                        tuple(ModelRole.SECOND_OPINION, "opinion", "primary-unsure:risk>0.8"));
    }

    private static String expectedSignature(LoopbackProvider.Received r, String secret) {
        return RequestSigner.signature(
                secret.getBytes(StandardCharsets.UTF_8),
                r.method(),
                r.path(),
                r.header(RequestSigner.TIMESTAMP),
                r.header(RequestSigner.NONCE),
                r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String chatCompletion(String content) {
        return Json.MAPPER.writeValueAsString(Map.of(
                "id",
                "chatcmpl-1",
                "object",
                "chat.completion",
                "choices",
                List.of(Map.of(
                        "index",
                        0,
                        "finish_reason",
                        "stop",
                        "message",
                        Map.of("role", "assistant", "content", content)))));
    }

    private ModelStatus primaryStatus(RoutedEnsemble ensemble) {
        return assess(ensemble, steadyEmployedRenter()).get(0).status();
    }

    private static List<ModelScore> assess(RoutedEnsemble ensemble, Application application) {
        return ensemble.assess(application, Applicants.features(application));
    }

    /** One http-json model as a YAML list entry; {@code extra} overrides or adds fields. */
    private static String http(String id, String url, String extra) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("id", id);
        fields.put("type", "http-json");
        fields.put("version", "\"1\"");
        fields.put("endpoint", "\"" + url + "\"");
        fields.put("credentials", "env:KEY_V2");
        fields.put("keyId", "arbiter");
        fields.put("keyVersion", "2");
        fields.put("regions", "[EU]");
        fields.put("timeout", "1s");
        return entry(fields, extra);
    }

    private static String chat(String id, String url) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("id", id);
        fields.put("type", "openai-chat");
        fields.put("version", "\"1\"");
        fields.put("endpoint", "\"" + url + "\"");
        fields.put("credentials", "env:LLM_KEY");
        fields.put("chatModel", "test-model");
        fields.put("regions", "[EU]");
        fields.put("timeout", "1s");
        return entry(fields, "");
    }

    private static String entry(Map<String, String> fields, String extra) {
        if (!extra.isBlank()) {
            for (String part : extra.split(",(?![^{\\[]*[}\\]])")) {
                String[] kv = part.split(":", 2);
                fields.put(kv[0].strip(), kv[1].strip());
            }
        }
        StringBuilder yaml = new StringBuilder("  - {");
        fields.forEach(
                (k, v) -> yaml.append(' ').append(k).append(": ").append(v).append(','));
        yaml.setLength(yaml.length() - 1);
        return yaml.append(" }").toString();
    }

    /** An ensemble whose primary chain is {@code chain}, with the shipped cash-flow model as second opinion. */
    private RoutedEnsemble ensemble(String deadline, String budget, String chain, String... models) throws IOException {
        if (!Files.exists(engine.resolve("cash-flow.json"))) {
            Files.copy(Path.of("engine/models/cash-flow.json"), engine.resolve("cash-flow.json"));
        }
        return build("""
                version: "t"
                deadline: %s
                costBudget: %s
                dataRegions: { EU: [EU], CN: [CN, HK] }
                secondOpinion: { thinFile: false }
                roles: { primary: %s, second-opinion: [cash-flow] }
                models:
                %s
                  - { id: cash-flow, type: scorecard, file: cash-flow.json }
                """.formatted(deadline, budget, chain, String.join("\n", models)));
    }

    private RoutedEnsemble build(String yaml) throws IOException {
        Path file = engine.resolve("ensemble.yaml");
        Files.writeString(file, yaml);
        RoutedEnsemble ensemble = RoutedEnsemble.from(EnsembleConfig.load(file), engine, Applicants.CLOCK, ENV::get);
        opened.add(ensemble);
        return ensemble;
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
