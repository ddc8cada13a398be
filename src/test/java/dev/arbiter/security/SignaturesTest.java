package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    private static final byte[] SECRET =
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void theCanonicalStringJoinsMethodPathSortedQueryTimestampNonceAndBodyHash() {
        String canonical = Signatures.canonical("GET", "/v1/decisions", "b=x+y&a=1", "1700000000", "n-1", new byte[0]);

        assertThat(canonical).isEqualTo("""
                GET
                /v1/decisions
                a=1&b=x%20y
                1700000000
                n-1
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
    }

    @Test
    void theSignatureIsTheHmacThatOpensslComputesOverTheSameString() {
        // printf '...' | openssl dgst -sha256 -mac HMAC -macopt hexkey:0001...1f
        String canonical =
                Signatures.canonical("GET", "/v1/decisions", "a=1&b=x%20y", "1700000000", "n-1", new byte[0]);

        assertThat(Signatures.sign(SECRET, canonical))
                .isEqualTo("0f3e58b74dc3f9571885a0a47f2f25a5a9ea41c2784194696531e508743bc8c7");
    }

    @Test
    void differentlyEncodedOrOrderedQueriesSignTheSame() {
        assertThat(Signatures.sortedQuery("z=%7E&q=a%2Bb&flag"))
                .isEqualTo(Signatures.sortedQuery("flag=&q=a%2bb&z=~"))
                .isEqualTo("flag=&q=a%2Bb&z=~");
        assertThat(Signatures.sortedQuery(null)).isEmpty();
    }
}
