package dev.arbiter.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class DigestsTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void sha256MatchesTheFipsExamples() {
        assertThat(Digests.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Digests.sha256Hex(ascii("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Digests.sha256Hex(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    @Test
    void hmacSha256MatchesTheRfc4231TestCases() {
        // case 1: 20-byte key; case 2: short key; case 6: a key longer than the block, hashed first
        assertThat(Digests.hmacSha256Hex(HEX.parseHex("0b".repeat(20)), "Hi There"))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assertThat(Digests.hmacSha256Hex(ascii("Jefe"), "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(Digests.hmacSha256Hex(
                        HEX.parseHex("aa".repeat(131)), "Test Using Larger Than Block-Size Key - Hash Key First"))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void anEmptyKeyGivesTheHmacOfAnEmptyKeyRatherThanAnError() {
        // echo -n "" | openssl dgst -sha256 -hmac ""
        assertThat(Digests.hmacSha256Hex(new byte[0], ""))
                .isEqualTo("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    }

    @Test
    void everyKeyAndMessageLengthHashesAsBouncyCastleDidBefore() {
        Random random = new Random(11);
        for (int keyLength : new int[] {0, 1, 31, 32, 63, 64, 65, 200}) {
            for (int dataLength : new int[] {0, 1, 55, 56, 64, 1000}) {
                byte[] key = new byte[keyLength];
                byte[] data = new byte[dataLength];
                random.nextBytes(key);
                random.nextBytes(data);

                assertThat(Digests.hmacSha256(key, data))
                        .as("key %d, data %d", keyLength, dataLength)
                        .isEqualTo(bouncyCastleHmac(key, data));
                assertThat(Digests.sha256(data)).isEqualTo(bouncyCastleSha256(data));
            }
        }
    }

    @Test
    void aDigestFedInPartsEqualsTheDigestOfTheWhole() {
        var parts = Digests.newSha256();
        parts.update(ascii("ab"));
        parts.update(ascii("c"));

        assertThat(Digests.hex(parts.digest())).isEqualTo(Digests.sha256Hex(ascii("abc")));
    }

    private static byte[] bouncyCastleHmac(byte[] key, byte[] data) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    private static byte[] bouncyCastleSha256(byte[] data) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
