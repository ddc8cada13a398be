package dev.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * The health endpoints as a load balancer and an operator see them: unsigned answers say UP or
 * DOWN and nothing else, the signed admin view has every component with its details, and the
 * actuator's own refusals are problems with the safe headers like every other answer.
 */
@ArbiterIT
class HealthIT {

    @Autowired
    ApplicationContext context;

    private Http unsigned() {
        return new Http(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void unsignedHealthSaysUpAndNothingElse() {
        for (String path :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            var answer = unsigned().get(path);

            assertThat(answer.status()).as(path).isEqualTo(200);
            // the group names are the same for every caller; no component, detail or version shows
            assertThat(answer.json().propertyNames()).as(answer.body()).isSubsetOf("status", "groups");
            assertThat(answer.json().path("status").asString()).isEqualTo("UP");
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void aComponentCannotBeAskedForByNameWithoutSigning() {
        var answer = unsigned().get("/actuator/health/ruleset");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("active");
    }

    @Test
    void theSignedAdminSeesEveryReadinessComponentWithItsDetails() {
        var answer = Http.to(context, "admin").get("/v1/admin/health");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var components = answer.json().path("components");
        assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("ruleset").path("details").path("active").asString())
                .isNotBlank();
        assertThat(components.path("ensemble").path("details").path("version").asString())
                .isNotBlank();
        assertThat(components.path("chain").path("details").has("unlinked")).isTrue();
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void actuatorPathsThatDoNotExistOrAreNotExposedAreProblems() {
        for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/nothing", "/actuator"}) {
            var answer = unsigned().get(path);

            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(404);
            assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    void anActuatorPathWithAControlCharacterIsAParameterProblem() {
        var answer = unsigned().get("/actuator/health?x=%00");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("INVALID_PARAMETER");
    }

    @Test
    void healthCannotBeWrittenTo() {
        var answer =
                unsigned().send("POST", "/actuator/health", "{}".getBytes(), "application/json", java.util.Map.of());

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }
}
