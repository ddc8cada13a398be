package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code /v1/admin} records each action under the signed client's actor, as the console's admin screens do. */
@ArbiterIT
class AdminActionsIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clients clients;

    @Test
    void everyAdminActionThroughTheApiIsRecordedUnderItsActor() {
        Http admin = Http.to(context, "admin");
        String adminClient = clients.key(Keys.of(context).role("admin").keyId())
                .orElseThrow()
                .clientId();

        var created = admin.post("/v1/admin/clients", Map.of("name", "recorded"));
        assertThat(created.status()).isEqualTo(201);
        String clientId = created.json().path("clientId").asString();
        var issued = admin.post("/v1/admin/clients/" + clientId + "/keys", Map.of("role", "auditor"));
        assertThat(issued.status()).isEqualTo(201);
        String keyId = issued.json().path("keyId").asString();
        String secret = issued.json().path("secret").asString();
        assertThat(admin.post("/v1/admin/keys/" + keyId + "/revoke", "").status())
                .isEqualTo(200);

        List<Map<String, Object>> rows = jdbc.sql(
                        "select actor, action, subject, detail from admin_action where subject in (?, ?) order by id")
                .params(clientId, keyId)
                .query()
                .listOfRows();
        assertThat(rows)
                .extracting(r -> r.get("action"))
                .containsExactly("client created", "key issued", "key revoked");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("actor")).isEqualTo(adminClient));
        assertThat(rows)
                .as("no secret is recorded")
                .allSatisfy(r -> assertThat(String.valueOf(r.get("detail"))).doesNotContain(secret));
    }
}
