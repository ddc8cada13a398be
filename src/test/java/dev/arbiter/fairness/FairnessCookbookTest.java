package dev.arbiter.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The fairness API runs the cookbook file itself, not a copy of it. */
class FairnessCookbookTest {

    @Test
    void theQueryOnTheClasspathIsTheCookbookFileAsAnExaminerRunsIt() throws IOException {
        assertThat(JdbcFairnessQuery.read(JdbcFairnessQuery.COOKBOOK))
                .isEqualTo(Files.readString(Path.of("db/queries/fairness-report.sql")));
    }

    @Test
    void everyPsqlVariableBecomesATextBindParameter() {
        String sql = JdbcFairnessQuery.bindable(JdbcFairnessQuery.read(JdbcFairnessQuery.COOKBOOK));

        assertThat(sql)
                .doesNotContain(":'")
                .doesNotEndWith(";")
                .contains(
                        "cast(:groupBy as text)",
                        "cast(:reference as text)",
                        "cast(:from as text)",
                        "cast(:to as text)",
                        "cast(:definition as text)");
    }
}
