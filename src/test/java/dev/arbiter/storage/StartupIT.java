package dev.arbiter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterInstances;
import dev.arbiter.Http;
import dev.arbiter.rules.RulesetCompilationException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How Arbiter starts: on an external PostgreSQL when given one, and not at all on a broken ruleset. */
@ExtendWith(OutputCaptureExtension.class)
class StartupIT {

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    @Test
    void givenAJdbcUrlArbiterUsesThatServerAndStartsNoEmbeddedOne() throws IOException {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start();
                var context = arbiters.start(
                        arbiters.home("external"),
                        "arbiter.db.url=" + external.getJdbcUrl("postgres", "postgres"),
                        "arbiter.db.username=postgres",
                        "arbiter.db.password=")) {
            Http http = Http.to(context, "originator");
            var answer = http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("external-1"));

            assertThat(answer.status()).isEqualTo(201);
            assertThat(context.getBean(PostgresServer.class).isEmbedded()).isFalse();
            int rows = JdbcClient.create(external.getPostgresDatabase())
                    .sql("select count(*) from decision where application_id = 'external-1'")
                    .query(Integer.class)
                    .single();
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void aBrokenRulesetStopsTheStartListingEveryError(CapturedOutput output) throws IOException {
        Path rules = Files.createTempDirectory("broken-rules");
        try (Stream<Path> shipped = Files.list(Path.of("rules"))) {
            for (Path file : shipped.filter(Files::isRegularFile).toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        Files.writeString(rules.resolve("broken.drl"), """
                package arbiter.policy;
                rule "XX-01 unfinished rule" @ruleCode("XX-01")
                when
                    Features( debtToIncome >
                then
                end
                """);
        Files.writeString(
                rules.resolve("pricing.drl"),
                Files.readString(rules.resolve("pricing.drl")).replaceFirst("when", "when Nonsense( )"));

        assertThatThrownBy(() -> arbiters.start(arbiters.home("broken"), "arbiter.rules-dir=" + rules))
                .hasRootCauseInstanceOf(RulesetCompilationException.class);

        assertThat(output)
                .contains("The ruleset does not compile")
                .contains("broken.drl:")
                .contains("pricing.drl:");
    }
}
