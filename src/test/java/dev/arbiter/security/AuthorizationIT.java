package dev.arbiter.security;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every endpoint with every role, over HTTP. The expected roles are written out here, as
 * README's table states them, independently of {@link Authorization}. For endpoints other
 * modules add, a refused role gets 403 ROLE_NOT_ALLOWED and an allowed one gets past
 * authorization to routing (here 404 or 405 until the endpoint exists), so the walk stays
 * meaningful once they are merged.
 */
@ArbiterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationIT {

    private static final String ID = UUID.randomUUID().toString();

    record Endpoint(String method, String path, String body, Set<String> roles) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static Endpoint e(String method, String path, String roles) {
        return e(method, path, "{}", roles);
    }

    private static Endpoint e(String method, String path, String body, String roles) {
        return new Endpoint(
                method, path.replace("{id}", ID), body, roles.isEmpty() ? Set.of() : Set.of(roles.split(" ")));
    }

    static List<Endpoint> endpoints() {
        return List.of(
                e("POST", "/v1/decisions", Http.json(steadyEmployedRenter("authz-" + UUID.randomUUID())), "originator"),
                e("GET", "/v1/stream", "originator auditor reviewer"),
                e("GET", "/v1/decisions", "auditor reviewer"),
                e("GET", "/v1/decisions/{id}", "originator auditor reviewer"),
                e("POST", "/v1/decisions/{id}/replay", "auditor"),
                e("POST", "/v1/decisions/{id}/review", "reviewer"),
                e("GET", "/v1/decisions/{id}/adverse-action", "auditor"),
                e("POST", "/v1/decisions/{id}/adverse-action", "auditor"),
                e("POST", "/v1/decisions/{id}/human-review-request", "originator"),
                e("POST", "/v1/decisions/{id}/performance", "originator"),
                e("GET", "/v1/decisions/{id}/performance", "auditor"),
                e("DELETE", "/v1/decisions/{id}/pii", "", "admin auditor"),
                e("GET", "/v1/reviews", "reviewer auditor"),
                e("GET", "/v1/reviews/{id}", "reviewer auditor"),
                e("GET", "/v1/audit/verify", "auditor"),
                e("GET", "/v1/audit/public-key", "auditor"),
                e("POST", "/v1/audit/checkpoints", "auditor"),
                e("GET", "/v1/audit/checkpoints", "auditor"),
                e("POST", "/v1/audit/verify", "[]", "auditor"),
                e("GET", "/v1/rulesets", "analyst approver auditor"),
                e("GET", "/v1/rulesets/{id}", "analyst approver auditor"),
                e("POST", "/v1/rulesets", "analyst"),
                e("POST", "/v1/rulesets/{id}/test", "analyst"),
                e("POST", "/v1/rulesets/{id}/simulate", "analyst"),
                e("POST", "/v1/rulesets/{id}/approve", "approver"),
                e("POST", "/v1/rulesets/{id}/activate", "approver"),
                e("POST", "/v1/rulesets/{id}/shadow", "approver"),
                e("DELETE", "/v1/rulesets/shadow", "approver"),
                e("GET", "/v1/reports/rules", "analyst auditor"),
                e("GET", "/v1/reports/shadow", "analyst approver auditor"),
                e("GET", "/v1/reports/fairness", "analyst auditor"),
                e("POST", "/v1/reports/fairness/alternatives", "analyst auditor"),
                e("POST", "/v1/pii/search", "{\"nationalId\":\"X1\"}", "auditor"),
                e("GET", "/v1/admin/clients", "admin"),
                e("GET", "/v1/admin/health", "admin"),
                e("POST", "/v1/admin/clients", "{\"name\":\"walked\"}", "admin"),
                e("POST", "/v1/admin/clients/c-none/keys", "{\"role\":\"analyst\"}", "admin"),
                e("POST", "/v1/admin/keys/k-none/revoke", "admin"),
                e("POST", "/v1/admin/clients/c-none/person", "{\"person\":null}", "admin"),
                e("GET", "/v1/not-an-endpoint", ""),
                e("PATCH", "/v1/decisions/{id}", ""));
    }

    static Stream<Arguments> everyEndpointWithEveryRole() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Role role : Role.values()) {
                cases.add(Arguments.of(endpoint, role.wire()));
            }
        }
        return cases.stream();
    }

    @Autowired
    ApplicationContext context;

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("everyEndpointWithEveryRole")
    void eachRoleReachesExactlyTheEndpointsOfItsRole(Endpoint endpoint, String role) {
        byte[] body = "GET".equals(endpoint.method()) || "DELETE".equals(endpoint.method())
                ? new byte[0]
                : endpoint.body().getBytes(StandardCharsets.UTF_8);
        var answer = Http.to(context, role)
                .send(
                        endpoint.method(),
                        endpoint.path(),
                        body,
                        body.length == 0 ? null : "application/json",
                        java.util.Map.of());

        if (endpoint.roles().contains(role)) {
            assertThat(answer.status()).as(answer.body()).isNotIn(401, 403, 429);
        } else {
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.code()).isEqualTo("ROLE_NOT_ALLOWED");
        }
    }

    @Test
    void theWalkCoversEveryRowOfTheTableAndAgreesWithIt() {
        for (Authorization.Rule rule : Authorization.TABLE) {
            List<Endpoint> walked = endpoints().stream()
                    .filter(e -> rule.method().equals(e.method()) && Authorization.matches(rule.pattern(), e.path()))
                    .toList();
            assertThat(walked).as("walked endpoints for " + rule).isNotEmpty();
        }
        for (Endpoint endpoint : endpoints()) {
            Set<String> table = Authorization.allowed(endpoint.method(), endpoint.path()).stream()
                    .map(Role::wire)
                    .collect(Collectors.toSet());
            assertThat(table).as(endpoint.toString()).isEqualTo(endpoint.roles());
        }
        assertThat(Arrays.stream(Role.values()).map(Role::wire))
                .containsExactly("originator", "analyst", "approver", "auditor", "reviewer", "admin");
    }
}
