package dev.arbiter.audit;

import static dev.arbiter.ApplicationFixture.minor;
import static dev.arbiter.AuditFixtures.overdrawnWithLittleSavings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every query in db/queries runs against the real schema, with its psql variables filled in. */
@ArbiterIT
class ComplianceQueriesIT {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    String denied;

    @BeforeEach
    void someDecisionsAndAReview() {
        Http http = Http.workflow(context);
        denied = http.post("/v1/decisions", minor("app-" + UUID.randomUUID()))
                .json()
                .path("decisionId")
                .asString();
        String referred = http.post("/v1/decisions", overdrawnWithLittleSavings("app-" + UUID.randomUUID()))
                .json()
                .path("decisionId")
                .asString();
        http.post(
                "/v1/decisions/" + referred + "/review",
                Map.of("reviewer", "j.doe", "outcome", "DENY", "reasons", List.of("R-CHECKING")));
    }

    private static List<Path> queries() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("db/queries"))) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
    }

    @Test
    void everyDocumentedQueryRunsAgainstTheSchema() throws IOException {
        List<Path> files = queries();
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : files) {
            String sql = Files.readString(file)
                    // psql's quoted form :'name' first, then the bare :name
                    .replace(":'from'", "'2000-01-01'")
                    .replace(":'to'", "'2100-01-01'")
                    .replace(":'groupBy'", "'thinFile'")
                    .replace(":'reference'", "'false'")
                    .replace(":'definition'", "''")
                    .replaceAll("(?<!:):from\\b", "'2000-01-01'")
                    .replaceAll("(?<!:):to\\b", "'2100-01-01'")
                    .replaceAll("(?<!:):id\\b", "'" + denied + "'");
            // psql runs a file statement by statement
            for (String statement : sql.split(";\\s*\\n")) {
                if (!statement.replaceAll("(?m)^--.*$", "").isBlank()) {
                    List<Map<String, Object>> rows = jdbc.sql(statement.trim().replaceAll(";$", ""))
                            .query()
                            .listOfRows();
                    assertThat(rows).as(file.toString()).isNotNull();
                }
            }
        }
    }

    @Test
    void theAdverseActionQueryFindsADenialOnReviewWithTheReviewersReasons() throws IOException {
        String sql = Files.readString(Path.of("db/queries/adverse-actions.sql"))
                .replaceAll("(?<!:):from\\b", "'2000-01-01'")
                .replaceAll("(?<!:):to\\b", "'2100-01-01'")
                .trim()
                .replaceAll(";$", "");

        List<Map<String, Object>> rows = jdbc.sql(sql).query().listOfRows();

        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("automated_outcome")).isEqualTo("REFER");
            assertThat(row.get("final_outcome")).isEqualTo("DENY");
            assertThat(row.get("principal_reasons")).isEqualTo("R-CHECKING");
        });
        assertThat(rows)
                .anySatisfy(row -> assertThat(row.get("principal_reasons")).isEqualTo("R-UNDERAGE"));
    }
}
