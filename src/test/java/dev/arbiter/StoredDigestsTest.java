package dev.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.audit.SigningKey;
import dev.arbiter.ensemble.RequestSigner;
import dev.arbiter.personaldata.PersonalDataCipher;
import dev.arbiter.rules.Ruleset;
import dev.arbiter.security.MasterKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Digests Arbiter stores or sends to others, pinned to values computed outside Java (Python's
 * hashlib and hmac over the documented canonical forms): a ruleset version, a request
 * signature or a national-id hash that changed would orphan every stored row that names it.
 */
class StoredDigestsTest {

    private static final MasterKey MASTER = MasterKey.fromBase64(
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRulesetVersionIsTheSha256OfItsTaggedLengthPrefixedFiles() {
        Ruleset ruleset =
                Ruleset.of(Map.of("policy/a.drl", utf8("rule \"x\" when then end"), "cases/c.json", utf8("{}")));

        assertThat(ruleset.version()).isEqualTo("a55a2ea98d0fa7427e311fe2db7a30d4c83fc0d92969dd8cea1b0fb36dc701ba");
    }

    @Test
    void aPurposeKeyIsTheHmacOfItsLabelUnderTheMasterKey() {
        assertThat(HexFormat.of().formatHex(MASTER.derive("pii-search")))
                .isEqualTo("67188dbc4cc496761478a93c1f74da6c643a82587dae01b961d9fe350c2fddf3");
    }

    @Test
    void nationalIdHashesAndFingerprintsStayTheKeyedHashesAlreadyStored() {
        PersonalDataCipher cipher = new PersonalDataCipher(MASTER);

        assertThat(cipher.nationalIdHash("756.1234.5678.97"))
                .isEqualTo("af39b748a1c1f0953a15a17535cef6445476d8b859e78c88655d41fafbed75a6");
        assertThat(cipher.fingerprint("{\"name\":\"Ana\"}"))
                .isEqualTo("76685cb9f61ecc932c43b3d8ce36d598408d20150c01804994ef7a919797a3b3");
    }

    @Test
    void aModelRequestSignatureIsWhatAProviderRecomputes() {
        assertThat(RequestSigner.signature(utf8("s3cret"), "POST", "/score", "1700000000", "n-1", utf8("{\"a\":1}")))
                .isEqualTo("fe777b8cbbb2e9f607a38678fba3c2c31cee6291b406484571c4db0d1b43e2a9");
    }

    @Test
    void anEmptyCredentialStillSignsAsHmacWithAnEmptyKey() {
        assertThat(RequestSigner.signature(new byte[0], "POST", "/score", "1700000000", "n-1", new byte[0]))
                .isEqualTo("dc5440c6473a1a0755875dc7c577ceb15e18fa3ca3a221693a99dfe20d26ad7a");
    }

    @Test
    void aChainSigningKeyIdIsTheFirstSixteenHexDigitsOfItsPublicKeysSha256() {
        assertThat(SigningKey.keyId(new byte[] {1, 2, 3})).isEqualTo("039058c6f2c0cb49");
    }
}
