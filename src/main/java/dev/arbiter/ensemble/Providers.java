package dev.arbiter.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds every configured model's adapter, loading all model files and secrets before any is used. */
final class Providers {

    private Providers() {}

    static Map<String, Provider> build(
            EnsembleConfig config, Path engineDir, Clock clock, Function<String, String> environment, HttpClient http) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ModelConfig model : config.models().values()) {
            try {
                providers.put(model.id(), build(model, engineDir, clock, environment, http));
            } catch (RuntimeException e) {
                problems.add("models(" + model.id() + "): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new EnsembleConfigException(engineDir.resolve("ensemble.yaml").toString(), problems);
        }
        return providers;
    }

    private static Provider build(
            ModelConfig model, Path engineDir, Clock clock, Function<String, String> environment, HttpClient http) {
        return switch (model.type()) {
            case SCORECARD -> {
                ScorecardModel scorecard = ScorecardModel.load(engineDir.resolve(model.file()));
                if (!scorecard.id().equals(model.id())) {
                    throw new IllegalArgumentException(
                            "file " + model.file() + " holds model '" + scorecard.id() + "'");
                }
                if (model.version() != null && !model.version().equals(scorecard.version())) {
                    throw new IllegalArgumentException("version " + model.version() + " configured but " + model.file()
                            + " is version " + scorecard.version());
                }
                yield new ScorecardProvider(model, scorecard);
            }
            case HTTP_JSON -> {
                byte[] secret =
                        model.credentials().resolve(environment, engineDir).getBytes(StandardCharsets.UTF_8);
                yield new HttpJsonModel(
                        model,
                        http,
                        new RequestSigner(
                                model.signing().keyId(), model.signing().keyVersion(), secret, clock));
            }
            case OPENAI_CHAT ->
                new OpenAiChatModel(
                        model, http, model.credentials().resolve(environment, engineDir), template(model, engineDir));
        };
    }

    private static String template(ModelConfig model, Path engineDir) {
        if (model.chat().promptTemplate() == null) {
            return OpenAiChatModel.DEFAULT_TEMPLATE;
        }
        Path file = engineDir.resolve(model.chat().promptTemplate());
        try {
            String template = Files.readString(file, StandardCharsets.UTF_8);
            if (!template.contains("{{features}}")) {
                throw new IllegalArgumentException("prompt template " + file + " has no {{features}} placeholder");
            }
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt template " + file, e);
        }
    }

    static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
