package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which requests leave their nonce to their handler ({@link SignedRequests#recordsItsOwnNonce}):
 * exactly the two whose handler records it, so that no other request is answered with its nonce
 * unrecorded.
 */
class NonceRecordingRoutesTest {

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "POST, /v1/decisions, true",
        "GET, /v1/decisions/3f2b6a1e-8c9d-4e0f-a1b2-c3d4e5f60718, true",
        "GET, /v1/decisions/not-a-uuid, true",
        "GET, /v1/decisions, false",
        "GET, /v1/decisions/, false",
        "GET, /v1/decisions/3f2b6a1e-8c9d-4e0f-a1b2-c3d4e5f60718/, false",
        "GET, /v1/decisions/3f2b6a1e-8c9d-4e0f-a1b2-c3d4e5f60718/adverse-action, false",
        "GET, /v1/decisions/3f2b6a1e-8c9d-4e0f-a1b2-c3d4e5f60718/performance, false",
        "GET, /v1/decisionsx/3f2b6a1e, false",
        "HEAD, /v1/decisions/3f2b6a1e-8c9d-4e0f-a1b2-c3d4e5f60718, false",
        "POST, /v1/decisions/3f2b6a1e-8c9d-4e0f-a1b2-c3d4e5f60718/replay, false",
        "DELETE, /v1/decisions/3f2b6a1e-8c9d-4e0f-a1b2-c3d4e5f60718, false",
        "GET, /v1/reviews, false",
    })
    void onlyTheDecisionsOwnRequestsRecordTheirNonceInTheirHandler(String method, String path, boolean deferred) {
        assertThat(SignedRequests.recordsItsOwnNonce(method, path)).isEqualTo(deferred);
    }
}
