package dev.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs after every other IT (its own failsafe execution) and reads the structured log all the
 * Arbiters they started wrote: no value of any applicant's personal data the tests sent appears
 * in it, and lines logged while a request was served carry the request's client, application
 * id and decision id.
 */
class NoPersonalDataInLogsIT {

    private static Path log() {
        return Path.of(System.getProperty("logging.file.name", "target/it-logs/arbiter.ecs.log"));
    }

    @Test
    void noPersonalDataTheTestsSentWasLoggedByAnyArbiter() throws IOException {
        Assumptions.assumeTrue(Files.exists(log()), "no IT wrote a log in this run");
        String logged = Files.readString(log(), StandardCharsets.UTF_8);
        List<String> sent = SentPersonalData.sent();
        Assumptions.assumeFalse(sent.isEmpty(), "no IT sent personal data in this run");

        for (String value : sent) {
            assertThat(logged).as("personal data in the logs").doesNotContain(value);
        }
    }

    @Test
    void everyLineLoggedForADecisionCarriesItsClientApplicationAndDecision() throws IOException {
        Assumptions.assumeTrue(Files.exists(log()), "no IT wrote a log in this run");
        JsonMapper json = JsonMapper.builder().build();
        List<tools.jackson.databind.JsonNode> decided = Files.readAllLines(log(), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("{"))
                .map(json::readTree)
                .filter(line -> line.path("message").asString().startsWith("decided "))
                .toList();
        Assumptions.assumeFalse(decided.isEmpty(), "no IT made a decision in this run");

        assertThat(decided).allSatisfy(line -> {
            assertThat(line.path("client").asString()).as(line.toString()).isNotBlank();
            assertThat(line.path("applicationId").asString())
                    .as(line.toString())
                    .isNotBlank();
            assertThat(line.path("decisionId").asString()).as(line.toString()).hasSize(36);
        });
    }
}
