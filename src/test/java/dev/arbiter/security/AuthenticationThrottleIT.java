package dev.arbiter.security;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Failed signatures are throttled per key id: past the budget, requests naming that key id are
 * refused before the key is looked up, while other keys work on. (The per-address budget is
 * tested in AuthenticationThrottleTest: here every test shares 127.0.0.1.)
 */
@ArbiterIT
@TestPropertySource(
        properties = {"arbiter.security.auth-failures-per-key=5", "arbiter.security.auth-failure-period=10m"})
@ExtendWith(OutputCaptureExtension.class)
class AuthenticationThrottleIT {

    @Autowired
    ApplicationContext context;

    private Keys.Key freshOriginatorKey() {
        Http admin = Http.to(context, "admin");
        String client = admin.post("/v1/admin/clients", Map.of("name", "lender " + UUID.randomUUID()))
                .json()
                .path("clientId")
                .asString();
        var issued = admin.post("/v1/admin/clients/" + client + "/keys", Map.of("role", "originator"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return Keys.Key.of(
                issued.json().path("keyId").asString(),
                issued.json().path("secret").asString());
    }

    @Test
    void badSignaturesPastTheBudgetAreRefusedUncheckedAndAGoodClientIsUnaffected(CapturedOutput output) {
        Keys.Key attacked = freshOriginatorKey();
        Http good = Http.to(context, "originator");
        Http forger = good.as(new Keys.Key(attacked.keyId(), new byte[32]));

        for (int i = 0; i < 5; i++) {
            var answer = forger.post("/v1/decisions", steadyEmployedRenter("thr-" + UUID.randomUUID()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            assertThat(answer.code()).isEqualTo("SIGNATURE_MISMATCH");
        }
        Http.Answer throttled = null;
        for (int i = 0; i < 10; i++) {
            throttled = forger.post("/v1/decisions", steadyEmployedRenter("thr-" + UUID.randomUUID()));
            assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
        }
        // correctly signed, yet refused: the key was not even looked up, or this would have been accepted
        var genuine = good.as(attacked).post("/v1/decisions", steadyEmployedRenter("thr-" + UUID.randomUUID()));
        var other = good.post("/v1/decisions", steadyEmployedRenter("thr-" + UUID.randomUUID()));

        assertThat(throttled.code()).isEqualTo("AUTH_THROTTLED");
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 600L);
        assertThat(throttled.body()).doesNotContain("canonicalString");
        assertThat(genuine.status()).isEqualTo(429);
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        String warning = "failed authentications throttled for key id " + attacked.keyId();
        assertThat(output.getAll().split(java.util.regex.Pattern.quote(warning), -1))
                .hasSize(2);
        assertThat(output.getAll()).doesNotContain(java.util.HexFormat.of().formatHex(attacked.secret()));
    }

    @Test
    void unknownKeyIdsAreThrottledToo() {
        Http good = Http.to(context, "originator");
        Http unknown = good.as(new Keys.Key("k-" + UUID.randomUUID().toString().replace("-", ""), new byte[32]));

        for (int i = 0; i < 5; i++) {
            assertThat(unknown.get("/v1/decisions/" + UUID.randomUUID()).code()).isEqualTo("UNKNOWN_KEY");
        }

        assertThat(unknown.get("/v1/decisions/" + UUID.randomUUID()).code()).isEqualTo("AUTH_THROTTLED");
    }
}
