package dev.arbiter.storage;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.ArbiterProperties;
import dev.arbiter.security.ProductionRefusedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class EmbeddedInProductionTest {

    private static ArbiterProperties.Db db(String url) {
        return new ArbiterProperties.Db(
                url,
                "arbiter_app",
                "secret",
                null,
                null,
                null,
                null,
                null,
                Path.of("data/postgres"),
                0,
                10,
                java.time.Duration.ofSeconds(30));
    }

    private static MockEnvironment production() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("production");
        return env;
    }

    @Test
    void productionWithoutADatabaseUrlRefusesTheEmbeddedServer() {
        assertThatThrownBy(() -> DatabaseConfiguration.refuseEmbeddedInProduction(db(null), production()))
                .isInstanceOf(ProductionRefusedException.class)
                .hasMessageContaining("no ARBITER_DB_URL")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ProductionRefusedException) e).action())
                        .contains("ARBITER_DB_URL"));
    }

    @Test
    void anExternalServerInProductionAndTheEmbeddedOneElsewhereAreFine() {
        assertThatCode(() -> DatabaseConfiguration.refuseEmbeddedInProduction(
                        db("jdbc:postgresql://127.0.0.1:5432/arbiter"), production()))
                .doesNotThrowAnyException();
        assertThatCode(() -> DatabaseConfiguration.refuseEmbeddedInProduction(db(null), new MockEnvironment()))
                .doesNotThrowAnyException();
    }
}
