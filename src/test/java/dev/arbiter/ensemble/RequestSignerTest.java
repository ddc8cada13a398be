package dev.arbiter.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

    @Test
    void theCanonicalStringIsMethodPathTimestampNonceAndBodyHashOnSeparateLines() {
        assertThat(RequestSigner.canonical(
                        "POST", "/v1/score", "1893456000", "abc", "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("POST\n/v1/score\n1893456000\nabc\n"
                        + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void theSignatureIsTheHmacOfTheCanonicalStringUnderTheKeyOfTheNamedVersion() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        RequestSigner signer = new RequestSigner("arbiter", 3, "k3".getBytes(StandardCharsets.UTF_8), Applicants.CLOCK);

        Map<String, String> headers = signer.sign("POST", "/score", body);

        assertThat(headers)
                .containsEntry(RequestSigner.KEY_ID, "arbiter")
                .containsEntry(RequestSigner.KEY_VERSION, "3");
        assertThat(headers.get(RequestSigner.SIGNATURE))
                .isEqualTo(RequestSigner.signature(
                        "k3".getBytes(StandardCharsets.UTF_8),
                        "POST",
                        "/score",
                        headers.get(RequestSigner.TIMESTAMP),
                        headers.get(RequestSigner.NONCE),
                        body))
                .hasSize(64);
    }

    @Test
    void retryAfterIsReadAsSecondsAndGarbageIsIgnored() {
        assertThat(HttpExchanges.retryAfter("2")).contains(Duration.ofSeconds(2));
        assertThat(HttpExchanges.retryAfter("soon")).isEmpty();
    }
}
